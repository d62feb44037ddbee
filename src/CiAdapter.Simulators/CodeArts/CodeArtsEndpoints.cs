using System.Text;
using CiAdapter.Simulators.Control;
using CiAdapter.Simulators.Faults;
using CiAdapter.Simulators.Http;
using CiAdapter.Simulators.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CiAdapter.Simulators.CodeArts;

/// <summary>The CodeArts simulator's HTTP routes, relative to the prefix it is mapped under.</summary>
internal static class CodeArtsEndpoints
{
    /// <summary>How long a client refused for capacity is asked to wait.</summary>
    private const string RetryAfterSeconds = "5";

    public static void Map(IEndpointRouteBuilder routes, CodeArtsSimulator simulator, string prefix)
    {
        routes.MapPost("/dispatch", (RequestDelegate)(context => DispatchAsync(context, simulator, prefix)));
        routes.MapGet("/task/{task_id}/status", (RequestDelegate)(context => StatusAsync(context, simulator)));
        routes.MapGet("/reports/{task_id}", (RequestDelegate)(context => ReportAsync(context, simulator)));
        routes.MapGet("/_sim/tasks", (RequestDelegate)(context => TasksAsync(context, simulator)));
        FaultControlEndpoints.Map(routes, [simulator.DispatchFaults, simulator.StatusFaults], simulator.Logger);
    }

    private static async Task DispatchAsync(HttpContext context, CodeArtsSimulator simulator, string prefix)
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
            simulator.Record(new DispatchRecord(receivedAt, "", null, null, null, null));
            return;
        }

        if (body is null)
        {
            simulator.Logger.DispatchRejected(StatusCodes.Status413PayloadTooLarge, "the body is larger than 1 MiB");
            simulator.Record(new DispatchRecord(receivedAt, "", null, StatusCodes.Status413PayloadTooLarge, null, null));
            await SimulatorHttp.WriteErrorAsync(context, StatusCodes.Status413PayloadTooLarge, "The body is larger than 1 MiB.").ConfigureAwait(false);
            return;
        }

        var text = Encoding.UTF8.GetString(body);
        var request = SimulatorHttp.Parse(body, SimulatorJsonContext.Default.ModelInfo, out var parseError);
        var rule = simulator.DispatchFaults.Take();

        // Recorded before the client can see the answer, so a client that has it finds the record.
        void Record(int? statusCode, string? taskId = null) =>
            simulator.Record(new DispatchRecord(receivedAt, text, request, statusCode, taskId, rule?.Kind));

        if (!await FaultInjector.BeforeAsync(
            context, rule, SimulatorRoutes.Dispatch, simulator.TimeProvider, simulator.Logger, code => Record(code), call.Token).ConfigureAwait(false))
        {
            return;
        }

        if (!simulator.IsAuthorized(context.Request.Headers.Authorization))
        {
            Record(StatusCodes.Status401Unauthorized);
            await ChallengeAsync(context, simulator, SimulatorRoutes.Dispatch).ConfigureAwait(false);
            return;
        }

        if (Check(context.Request, request, parseError) is { } rejection)
        {
            simulator.Logger.DispatchRejected(rejection.StatusCode, rejection.Reason);
            Record(rejection.StatusCode);
            await SimulatorHttp.WriteErrorAsync(context, rejection.StatusCode, rejection.Reason).ConfigureAwait(false);
            return;
        }

        var httpRequest = context.Request;
        var reportUrlBase = $"{httpRequest.Scheme}://{httpRequest.Host}{httpRequest.PathBase}{prefix}";
        var task = simulator.TryCreateTask(request!, reportUrlBase, out var running, out var cap);
        if (task is null)
        {
            simulator.Logger.AtCapacity(request!.ModelId!, running, cap ?? 0);
            Record(StatusCodes.Status429TooManyRequests);
            context.Response.Headers.RetryAfter = RetryAfterSeconds;
            await SimulatorHttp.WriteErrorAsync(
                context,
                StatusCodes.Status429TooManyRequests,
                $"{running} tasks already run; at most {cap} may run at once.").ConfigureAwait(false);
            return;
        }

        if (rule?.Kind == FaultKind.DropResponse)
        {
            Record(null, task.TaskId);
            context.Abort();
            return;
        }

        Record(StatusCodes.Status200OK, task.TaskId);
        await SimulatorHttp.WriteJsonAsync(context, StatusCodes.Status200OK, ToWire(task), SimulatorJsonContext.Default.CiTaskInfo).ConfigureAwait(false);
    }

    private static async Task StatusAsync(HttpContext context, CodeArtsSimulator simulator)
    {
        var receivedAt = simulator.TimeProvider.GetUtcNow();
        var taskId = (string)context.Request.RouteValues["task_id"]!;
        using var call = SimulatorHttp.CallCancellation(context);
        var rule = simulator.StatusFaults.Take();

        // Recorded before the client can see the answer, so a client that has it finds the record.
        void Record(int? statusCode, CodeArtsTask? task = null) =>
            simulator.Record(new PollRecord(receivedAt, taskId, task?.ModelId, statusCode, task?.Status, rule?.Kind));

        if (!await FaultInjector.BeforeAsync(
            context,
            rule,
            SimulatorRoutes.TaskStatus,
            simulator.TimeProvider,
            simulator.Logger,
            code => simulator.Record(new PollRecord(receivedAt, taskId, simulator.ModelIdOf(taskId), code, null, rule?.Kind)),
            call.Token).ConfigureAwait(false))
        {
            return;
        }

        if (!simulator.IsAuthorized(context.Request.Headers.Authorization))
        {
            Record(StatusCodes.Status401Unauthorized);
            await ChallengeAsync(context, simulator, SimulatorRoutes.TaskStatus).ConfigureAwait(false);
            return;
        }

        var task = simulator.Poll(taskId);
        if (task is null)
        {
            simulator.Logger.UnknownTask(taskId);
            Record(StatusCodes.Status404NotFound);
            await SimulatorHttp.WriteErrorAsync(context, StatusCodes.Status404NotFound, $"No task '{taskId}'.").ConfigureAwait(false);
            return;
        }

        simulator.Logger.Polled(taskId, task.Status);
        if (rule?.Kind == FaultKind.DropResponse)
        {
            Record(null, task);
            context.Abort();
            return;
        }

        Record(StatusCodes.Status200OK, task);
        await SimulatorHttp.WriteJsonAsync(context, StatusCodes.Status200OK, ToWire(task), SimulatorJsonContext.Default.CiTaskInfo).ConfigureAwait(false);
    }

    /// <summary>A plain page behind each task's report_url, so the link works in a browser.</summary>
    private static Task ReportAsync(HttpContext context, CodeArtsSimulator simulator)
    {
        var taskId = (string)context.Request.RouteValues["task_id"]!;
        if (simulator.GetTask(taskId) is not { } task)
        {
            return SimulatorHttp.WriteErrorAsync(context, StatusCodes.Status404NotFound, $"No task '{taskId}'.");
        }

        context.Response.ContentType = "text/plain; charset=utf-8";
        var report = new StringBuilder()
            .AppendLine("Simulated CodeArts CI report")
            .AppendLine($"task:          {task.TaskId}")
            .AppendLine($"model:         {task.ModelId}")
            .AppendLine($"version:       {task.Request.Version}")
            .AppendLine($"status:        {task.Status}")
            .AppendLine($"dispatched at: {task.DispatchedAt:O}")
            .AppendLine($"finished at:   {task.FinishedAt?.ToString("O") ?? "-"}")
            .AppendLine($"status polls:  {task.PollCount}")
            .ToString();
        return context.Response.WriteAsync(report);
    }

    private static Task TasksAsync(HttpContext context, CodeArtsSimulator simulator)
    {
        List<TaskWire> tasks = [.. simulator.Tasks.Select(t => new TaskWire(t.TaskId, t.ModelId, t.Status, t.DispatchedAt, t.FinishedAt, t.PollCount))];
        return SimulatorHttp.WriteJsonAsync(context, StatusCodes.Status200OK, tasks, SimulatorJsonContext.Default.ListTaskWire);
    }

    /// <summary>Why a dispatch body cannot be served, or null when it can.</summary>
    private static (int StatusCode, string Reason)? Check(HttpRequest httpRequest, ModelInfo? request, string? parseError)
    {
        if (!httpRequest.HasJsonContentType())
        {
            return (StatusCodes.Status415UnsupportedMediaType, "the content type is not application/json");
        }

        if (request is null)
        {
            return (StatusCodes.Status400BadRequest, parseError!);
        }

        return string.IsNullOrWhiteSpace(request.ModelId) ? (StatusCodes.Status400BadRequest, "model_id is required") : null;
    }

    private static Task ChallengeAsync(HttpContext context, CodeArtsSimulator simulator, string route)
    {
        simulator.Logger.Unauthorized(route);
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return SimulatorHttp.WriteErrorAsync(context, StatusCodes.Status401Unauthorized, "A valid bearer token is required.");
    }

    private static CiTaskInfo ToWire(CodeArtsTask task) => new()
    {
        TaskId = task.TaskId,
        ModelId = task.ModelId,
        Status = task.Status,
        ReportUrl = task.ReportUrl,
    };
}
