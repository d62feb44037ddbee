using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CiAdapter.Simulators.Faults;
using CiAdapter.Simulators.Recording;
using CiAdapter.Simulators.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CiAdapter.Simulators.Backend;

/// <summary>
/// An in-memory community backend speaking the SPEC's contract: <c>GET /api/modelstate</c> serves
/// a model-state map that tests seed; <c>POST /updateStatus</c> takes pushed statuses into it.
/// Serve it with <c>MapBackendSimulator</c> or a <see cref="Hosting.SimulatorServer"/>.
/// Every call is recorded for assertions; faults can be injected per route. Thread-safe.
/// </summary>
public sealed class BackendSimulator
{
    private static readonly TimeSpan DefaultWaitTimeout = TimeSpan.FromSeconds(30);

    private readonly Lock _lock = new();
    private readonly bool _addUnknownModels;
    private readonly int _maxRecords;
    private readonly Dictionary<string, JsonObject> _models = new(StringComparer.Ordinal);
    private readonly BoundedLog<StatusPush> _pushes;
    private readonly BoundedLog<ModelStateRead> _reads;
    private readonly Dictionary<string, BoundedLog<string>> _history = new(StringComparer.Ordinal);
    private readonly ChangeFeed _changes = new();
    private long _appliedPushes;
    private long _servedReads;

    public BackendSimulator(BackendSimulatorOptions? options = null, ILogger<BackendSimulator>? logger = null)
    {
        options ??= new BackendSimulatorOptions();
        _addUnknownModels = options.AddUnknownModels;
        _maxRecords = options.MaxRecords;
        _pushes = new BoundedLog<StatusPush>(options.MaxRecords);
        _reads = new BoundedLog<ModelStateRead>(options.MaxRecords);
        TimeProvider = options.TimeProvider;
        Logger = logger ?? NullLogger<BackendSimulator>.Instance;
        UpdateStatusFaults = new FaultPlan(SimulatorRoutes.UpdateStatus, _changes.Notify);
        ModelStateFaults = new FaultPlan(SimulatorRoutes.ModelState, _changes.Notify);
    }

    /// <summary>Faults for <c>POST /updateStatus</c>.</summary>
    public FaultPlan UpdateStatusFaults { get; }

    /// <summary>Faults for <c>GET /api/modelstate</c>.</summary>
    public FaultPlan ModelStateFaults { get; }

    /// <summary>The ids of the models served now.</summary>
    public IReadOnlyCollection<string> ModelIds
    {
        get { lock (_lock) { return [.. _models.Keys]; } }
    }

    /// <summary>The body <c>GET /api/modelstate</c> would answer now.</summary>
    public string ModelStateJson
    {
        get
        {
            lock (_lock)
            {
                return System.Text.Encoding.UTF8.GetString(SerializeModelsLocked());
            }
        }
    }

    /// <summary>Every status update received, oldest first (the newest <c>MaxRecords</c>).</summary>
    public IReadOnlyList<StatusPush> Pushes
    {
        get { lock (_lock) { return _pushes.Snapshot(); } }
    }

    /// <summary>How many status updates were taken in.</summary>
    public long PushCount => Interlocked.Read(ref _appliedPushes);

    /// <summary>Every model-state read received, oldest first (the newest <c>MaxRecords</c>).</summary>
    public IReadOnlyList<ModelStateRead> ModelStateReads
    {
        get { lock (_lock) { return _reads.Snapshot(); } }
    }

    /// <summary>How many model-state reads were served the map (even if a drop-response fault then hid it).</summary>
    public long ModelStateReadCount => Interlocked.Read(ref _servedReads);

    /// <summary>The models some taken-in status update named.</summary>
    public IReadOnlyCollection<string> ReportedModelIds
    {
        get { lock (_lock) { return [.. _history.Keys]; } }
    }

    internal TimeProvider TimeProvider { get; }

    internal ILogger Logger { get; }

    /// <summary>Serves <paramref name="model"/> under its <c>model_id</c>; a null <c>ci_task</c> is served as <c>{}</c>.</summary>
    public void Seed(ModelInfo model)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(model.ModelId, nameof(model));
        var entry = JsonSerializer.SerializeToNode(model, SimulatorJsonContext.Default.ModelInfo)!.AsObject();
        entry.TryAdd("ci_task", new JsonObject());
        Put(model.ModelId, entry);
    }

    public void Seed(IEnumerable<ModelInfo> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        foreach (var model in models)
        {
            Seed(model);
        }
    }

    /// <summary>
    /// Serves a model's info verbatim under <paramref name="modelId"/>: to check the adapter copes
    /// with what a real backend may send (a numeric <c>version</c>, missing or extra members).
    /// </summary>
    public void SeedJson(string modelId, string modelInfoJson)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        ArgumentNullException.ThrowIfNull(modelInfoJson);
        if (JsonNode.Parse(modelInfoJson) is not JsonObject entry)
        {
            throw new ArgumentException("A model's info must be a JSON object.", nameof(modelInfoJson));
        }

        Put(modelId, entry);
    }

    public bool Remove(string modelId)
    {
        bool removed;
        lock (_lock)
        {
            removed = _models.Remove(modelId);
        }

        _changes.Notify();
        return removed;
    }

    public void ClearModels()
    {
        lock (_lock)
        {
            _models.Clear();
        }

        _changes.Notify();
    }

    /// <summary>A copy of the info served for the model, or null when none is.</summary>
    public JsonObject? GetModel(string modelId)
    {
        lock (_lock)
        {
            return _models.TryGetValue(modelId, out var entry) ? entry.DeepClone().AsObject() : null;
        }
    }

    /// <summary>The <c>test_status</c> served for the model, or null.</summary>
    public string? ServedStatus(string modelId)
    {
        lock (_lock)
        {
            return _models.TryGetValue(modelId, out var entry) && entry["test_status"] is JsonValue value
                && value.TryGetValue<string>(out var status)
                ? status
                : null;
        }
    }

    /// <summary>The status last pushed for the model, or null if none was.</summary>
    public string? LatestStatus(string modelId)
    {
        lock (_lock)
        {
            return _history.TryGetValue(modelId, out var history) ? history.LastOrDefault(_ => true) : null;
        }
    }

    /// <summary>Every status pushed for the model, oldest first (the newest <c>MaxRecords</c>).</summary>
    public IReadOnlyList<string> StatusHistory(string modelId)
    {
        lock (_lock)
        {
            return _history.TryGetValue(modelId, out var history) ? history.Snapshot() : [];
        }
    }

    /// <summary>How many taken-in status updates named the model.</summary>
    public long ReportCount(string modelId)
    {
        lock (_lock)
        {
            return _history.TryGetValue(modelId, out var history) ? history.TotalCount : 0;
        }
    }

    /// <summary>Forgets every record and counter; the served models and fault plans stay.</summary>
    public void ResetRecords()
    {
        lock (_lock)
        {
            _pushes.Clear();
            _reads.Clear();
            _history.Clear();
            Interlocked.Exchange(ref _appliedPushes, 0);
            Interlocked.Exchange(ref _servedReads, 0);
        }

        _changes.Notify();
    }

    /// <summary>
    /// Waits until a taken-in update has told <paramref name="status"/> for the model (since the
    /// start or the last <see cref="ResetRecords"/>); returns the first such push.
    /// </summary>
    public Task<StatusPush> WaitForStatusAsync(
        string modelId,
        string status,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(modelId);
        ArgumentNullException.ThrowIfNull(status);
        return WaitForPushAsync(
            push => push.Applied && push.Statuses.Contains(new ReportedStatus(modelId, status)),
            timeout,
            () => $"status '{status}' for '{modelId}'; told so far: [{string.Join(", ", StatusHistory(modelId))}].",
            cancellationToken);
    }

    /// <summary>Waits until a recorded push matches <paramref name="predicate"/>; returns the first that does.</summary>
    public Task<StatusPush> WaitForPushAsync(
        Func<StatusPush, bool> predicate,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return WaitForPushAsync(predicate, timeout, () => $"a matching status update; {Pushes.Count} recorded.", cancellationToken);
    }

    /// <summary>Waits until the map was served <paramref name="count"/> times; returns the newest served read.</summary>
    public Task<ModelStateRead> WaitForModelStateReadAsync(
        int count = 1,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return _changes.WaitAsync(
            () =>
            {
                lock (_lock)
                {
                    var read = _reads.LastOrDefault(r => r.StatusCode == 200);
                    return (ModelStateReadCount >= count && read is not null, read!);
                }
            },
            timeout ?? DefaultWaitTimeout,
            () => $"{count} model-state read(s) served; saw {ModelStateReadCount} of {ModelStateReads.Count} call(s).",
            cancellationToken);
    }

    /// <summary>Waits until <paramref name="condition"/> holds, checking it after every recorded call or change.</summary>
    public Task WaitUntilAsync(
        Func<BackendSimulator, bool> condition,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return _changes.WaitAsync(
            () => (condition(this), true),
            timeout ?? DefaultWaitTimeout,
            () => $"condition on backend simulator; {Pushes.Count} status update(s), {ModelStateReads.Count} read(s) recorded.",
            cancellationToken);
    }

    /// <summary>Takes in checked statuses: records their history and updates the served map.</summary>
    internal void Apply(IReadOnlyList<ReportedStatus> statuses)
    {
        List<string> added = [];
        lock (_lock)
        {
            var now = TimeProvider.GetUtcNow();
            foreach (var (modelId, status) in statuses)
            {
                if (!_history.TryGetValue(modelId, out var history))
                {
                    history = new BoundedLog<string>(_maxRecords);
                    _history.Add(modelId, history);
                }

                history.Add(status);
                if (_models.TryGetValue(modelId, out var entry))
                {
                    entry["test_status"] = status;
                }
                else if (_addUnknownModels)
                {
                    _models.Add(modelId, LearnedEntry(modelId, status, now));
                    added.Add(modelId);
                }
            }

            Interlocked.Increment(ref _appliedPushes);
        }

        foreach (var modelId in added)
        {
            Logger.ModelAdded(modelId);
        }

        Logger.StatusesApplied(statuses.Count);
    }

    /// <summary>The model-state body and how many models it holds.</summary>
    internal (byte[] Body, int ModelCount) ServeModelState()
    {
        lock (_lock)
        {
            Interlocked.Increment(ref _servedReads);
            return (SerializeModelsLocked(), _models.Count);
        }
    }

    internal void Record(StatusPush push)
    {
        lock (_lock)
        {
            _pushes.Add(push);
        }

        _changes.Notify();
    }

    internal void Record(ModelStateRead read)
    {
        lock (_lock)
        {
            _reads.Add(read);
        }

        _changes.Notify();
    }

    private static JsonObject LearnedEntry(string modelId, string status, DateTimeOffset now)
    {
        var entry = new JsonObject();
        var slash = modelId.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0)
        {
            entry["group_name"] = modelId[..slash];
            entry["model_name"] = modelId[(slash + 1)..];
        }

        entry["model_id"] = modelId;
        entry["test_status"] = status;
        entry["last_updated"] = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        entry["ci_task"] = new JsonObject();
        return entry;
    }

    private Task<StatusPush> WaitForPushAsync(
        Func<StatusPush, bool> predicate,
        TimeSpan? timeout,
        Func<string> describe,
        CancellationToken cancellationToken) =>
        _changes.WaitAsync(
            () =>
            {
                lock (_lock)
                {
                    var push = _pushes.Snapshot().FirstOrDefault(predicate);
                    return (push is not null, push!);
                }
            },
            timeout ?? DefaultWaitTimeout,
            describe,
            cancellationToken);

    private void Put(string modelId, JsonObject entry)
    {
        lock (_lock)
        {
            _models[modelId] = entry;
        }

        _changes.Notify();
    }

    private byte[] SerializeModelsLocked()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("models");
            foreach (var (modelId, entry) in _models)
            {
                writer.WritePropertyName(modelId);
                entry.WriteTo(writer);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
