using System.Diagnostics;
using CiAdapter.Diagnostics;
using CiAdapter.Http;
using CiAdapter.Models;
using CiAdapter.Wire;
using Microsoft.Extensions.Options;
using RestSharp;

namespace CiAdapter.Backend;

/// <summary>The community backend over RestSharp; transient failures are retried by the HttpClient's resilience pipeline.</summary>
internal sealed class BackendClient : IBackendClient, IDisposable
{
    public const string HttpClientName = "backend";
    private const string Service = "Backend";

    private readonly RestClient _rest;
    private readonly int _batchSize;
    private readonly CiAdapterMetrics _metrics;

    public BackendClient(IHttpClientFactory httpClientFactory, IOptions<BackendOptions> options, CiAdapterMetrics metrics)
    {
        var settings = options.Value;
        _rest = WireRestClient.Create(httpClientFactory, HttpClientName, settings.BaseUrl);
        _batchSize = Math.Max(settings.PushBatchSize, 1);
        _metrics = metrics;
    }

    public async Task PushStatusesAsync(IReadOnlyList<ModelStatusReport> statuses, CancellationToken cancellationToken)
    {
        foreach (var batch in statuses.Chunk(_batchSize))
        {
            var body = new StatusUpdateWire([.. batch.Select(s => new ModelStatusWire(s.ModelId, s.Status.ToWire()))]);
            var request = new RestRequest("updateStatus", Method.Post).AddJsonBody(body);
            await SendAsync(request, "update_status", cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<BackendModelState> GetModelStateAsync(CancellationToken cancellationToken)
    {
        var response = await SendAsync(new RestRequest("api/modelstate"), "model_state", cancellationToken).ConfigureAwait(false);
        var wire = response.ReadWire<ModelStateWire>(Service, "model_state");
        var models = new List<ModelSnapshot>(wire.Models?.Count ?? 0);
        var rejected = new List<(string, string)>();
        foreach (var (key, info) in wire.Models ?? [])
        {
            if (ModelInfoMapping.FromBackend(key, info, out var problem) is { } model)
            {
                models.Add(model);
            }
            else
            {
                rejected.Add((key, problem ?? "unreadable"));
            }
        }

        return new BackendModelState(models, rejected);
    }

    public void Dispose() => _rest.Dispose();

    private async Task<RestResponse> SendAsync(RestRequest request, string operation, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = "error";
        try
        {
            var response = await _rest.ExecuteAsync(request, cancellationToken).ConfigureAwait(false);
            response.EnsureOk(Service, operation);
            outcome = "ok";
            return response;
        }
        finally
        {
            _metrics.BackendRequest(operation, outcome, Stopwatch.GetElapsedTime(started));
        }
    }
}
