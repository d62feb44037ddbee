using System.Text;
using CiAdapter.Simulators.Control;
using CiAdapter.Simulators.Faults;
using CiAdapter.Simulators.Http;
using CiAdapter.Simulators.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CiAdapter.Simulators.Backend;

/// <summary>The backend simulator's HTTP routes, relative to the prefix it is mapped under.</summary>
internal static class BackendEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, BackendSimulator simulator)
    {
        routes.MapPost("/updateStatus", (RequestDelegate)(context => UpdateStatusAsync(context, simulator)));
        routes.MapGet("/api/modelstate", (RequestDelegate)(context => ModelStateAsync(context, simulator)));
        FaultControlEndpoints.Map(routes, [simulator.UpdateStatusFaults, simulator.ModelStateFaults], simulator.Logger);
    }

    private static async Task UpdateStatusAsync(HttpContext context, BackendSimulator simulator)
    {
        var receivedAt = simulator.TimeProvider.GetUtcNow();
        using var call = SimulatorHttp.CallCancellation(context);
        byte[]? body;
        try
        {
            body = await SimulatorHttp.ReadBodyAsync(context, call.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            simulator.Record(new StatusPush(receivedAt, "", [], null, false, null));
            return;
        }

        if (body is null)
        {
            simulator.Logger.UpdateRejected(StatusCodes.Status413PayloadTooLarge, "the body is larger than 1 MiB");
            simulator.Record(new StatusPush(receivedAt, "", [], StatusCodes.Status413PayloadTooLarge, false, null));
            await SimulatorHttp.WriteErrorAsync(context, StatusCodes.Status413PayloadTooLarge, "The body is larger than 1 MiB.").ConfigureAwait(false);
            return;
        }

        var text = Encoding.UTF8.GetString(body);
        var statuses = Check(body, out var error);
        var rule = simulator.UpdateStatusFaults.Take();

        // Recorded before the client can see the answer, so a client that has it finds the record.
        void Record(int? statusCode, bool applied = false) =>
            simulator.Record(new StatusPush(receivedAt, text, statuses ?? [], statusCode, applied, rule?.Kind));

        if (!await FaultInjector.BeforeAsync(
            context, rule, SimulatorRoutes.UpdateStatus, simulator.TimeProvider, simulator.Logger, code => Record(code), call.Token).ConfigureAwait(false))
        {
            return;
        }

        if (!context.Request.HasJsonContentType() || statuses is null)
        {
            var (statusCode, reason) = context.Request.HasJsonContentType()
                ? (StatusCodes.Status400BadRequest, error!)
                : (StatusCodes.Status415UnsupportedMediaType, "the content type is not application/json");
            simulator.Logger.UpdateRejected(statusCode, reason);
            Record(statusCode);
            await SimulatorHttp.WriteErrorAsync(context, statusCode, reason).ConfigureAwait(false);
            return;
        }

        simulator.Apply(statuses);
        if (rule?.Kind == FaultKind.DropResponse)
        {
            Record(null, applied: true);
            context.Abort();
            return;
        }

        Record(StatusCodes.Status200OK, applied: true);
        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    private static async Task ModelStateAsync(HttpContext context, BackendSimulator simulator)
    {
        var receivedAt = simulator.TimeProvider.GetUtcNow();
        using var call = SimulatorHttp.CallCancellation(context);
        var rule = simulator.ModelStateFaults.Take();

        // Recorded before the client can see the answer, so a client that has it finds the record.
        void Record(int? statusCode, int modelCount = 0) =>
            simulator.Record(new ModelStateRead(receivedAt, statusCode, modelCount, rule?.Kind));

        if (!await FaultInjector.BeforeAsync(
            context, rule, SimulatorRoutes.ModelState, simulator.TimeProvider, simulator.Logger, code => Record(code), call.Token).ConfigureAwait(false))
        {
            return;
        }

        var (body, modelCount) = simulator.ServeModelState();
        simulator.Logger.ModelStateServed(modelCount);
        if (rule?.Kind == FaultKind.DropResponse)
        {
            Record(null, modelCount);
            context.Abort();
            return;
        }

        Record(StatusCodes.Status200OK, modelCount);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>
    /// The statuses of an update, or null with a reason. The whole update is refused when one entry
    /// is wrong: a backend cannot take in half a batch and say so.
    /// </summary>
    private static List<ReportedStatus>? Check(byte[] body, out string? error)
    {
        var request = SimulatorHttp.Parse(body, SimulatorJsonContext.Default.StatusUpdateRequest, out error);
        if (request is null)
        {
            return null;
        }

        if (request.Statuses is null)
        {
            error = "statuses is required";
            return null;
        }

        List<ReportedStatus> statuses = new(request.Statuses.Count);
        for (var i = 0; i < request.Statuses.Count; i++)
        {
            var entry = request.Statuses[i];
            if (string.IsNullOrWhiteSpace(entry?.ModelId))
            {
                error = $"statuses[{i}].model_id is required";
                return null;
            }

            if (Canonical(entry.Status) is not { } status)
            {
                error = $"statuses[{i}].status '{entry.Status}' is not one of pending, running, success, failed";
                return null;
            }

            statuses.Add(new ReportedStatus(entry.ModelId, status));
        }

        return statuses;
    }

    private static string? Canonical(string? status) => status switch
    {
        StatusNames.Pending => StatusNames.Pending,
        StatusNames.Running => StatusNames.Running,
        StatusNames.Success => StatusNames.Success,
        StatusNames.Failed => StatusNames.Failed,
        _ => null,
    };
}
