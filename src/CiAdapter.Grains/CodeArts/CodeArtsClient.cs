using System.Diagnostics;
using CiAdapter.Diagnostics;
using CiAdapter.Http;
using CiAdapter.Models;
using CiAdapter.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RestSharp;

namespace CiAdapter.CodeArts;

/// <summary>CodeArts CI over RestSharp; transient failures are retried by the HttpClient's resilience pipeline.</summary>
internal sealed partial class CodeArtsClient : ICodeArtsClient, IDisposable
{
    public const string HttpClientName = "codearts";
    private const string Service = "CodeArts";

    private readonly RestClient _rest;
    private readonly string _authorization;
    private readonly SemaphoreSlim _concurrency;
    private readonly CiAdapterMetrics _metrics;
    private readonly ILogger<CodeArtsClient> _logger;

    public CodeArtsClient(
        IHttpClientFactory httpClientFactory,
        IOptions<CodeArtsOptions> options,
        CiAdapterMetrics metrics,
        ILogger<CodeArtsClient> logger)
    {
        var settings = options.Value;
        _rest = WireRestClient.Create(httpClientFactory, HttpClientName, settings.BaseUrl);
        _authorization = $"Bearer {settings.ApiToken}";
        _concurrency = new SemaphoreSlim(Math.Max(settings.MaxConcurrentCalls, 1));
        _metrics = metrics;
        _logger = logger;
    }

    public async Task<CiTask> DispatchAsync(ModelSnapshot model, CancellationToken cancellationToken)
    {
        var request = new RestRequest("dispatch", Method.Post)
            .AddHeader("Authorization", _authorization)
            .AddJsonBody(ModelInfoMapping.ToWire(model));
        var task = await SendAsync(request, "dispatch", cancellationToken).ConfigureAwait(false);
        LogDispatched(_logger, model.ModelId, task.TaskId);
        return task;
    }

    public Task<CiTask> GetStatusAsync(string taskId, CancellationToken cancellationToken)
    {
        var request = new RestRequest("task/{taskId}/status")
            .AddUrlSegment("taskId", taskId)
            .AddHeader("Authorization", _authorization);
        return SendAsync(request, "status", cancellationToken);
    }

    public void Dispose()
    {
        _rest.Dispose();
        _concurrency.Dispose();
    }

    private async Task<CiTask> SendAsync(RestRequest request, string operation, CancellationToken cancellationToken)
    {
        await _concurrency.WaitAsync(cancellationToken).ConfigureAwait(false);
        var started = Stopwatch.GetTimestamp();
        var outcome = "error";
        try
        {
            var response = await _rest.ExecuteAsync(request, cancellationToken).ConfigureAwait(false);
            var task = ReadTask(response, operation);
            outcome = "ok";
            return task;
        }
        finally
        {
            _concurrency.Release();
            _metrics.CiRequest(operation, outcome, Stopwatch.GetElapsedTime(started));
        }
    }

    private static CiTask ReadTask(RestResponse response, string operation)
    {
        response.EnsureOk(Service, operation);
        var wire = response.ReadWire<CiTaskWire>(Service, operation);
        if (wire is not { TaskId: { Length: > 0 } taskId })
        {
            throw new ExternalServiceException(Service, operation, response.StatusCode, "the answer has no task_id");
        }

        return new CiTask(taskId, wire.Status, wire.ReportUrl);
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "CodeArts accepted model {ModelId} as task {TaskId}")]
    private static partial void LogDispatched(ILogger logger, string modelId, string taskId);
}
