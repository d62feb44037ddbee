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
            await SimulatorHttp.WriteErrorAsync(context, StatusCodes.Status413PayloadTooLarge, "The body is larger than 1 MiB.").ConfigureAwait(false);
            simulator.Record(new DispatchRecord(receivedAt, "", null, StatusCodes.Status413PayloadTooLarge, null, null));
            return;
        }

        var text = Encoding.UTF8.GetString(body);
        var request = SimulatorHttp.Parse(body, SimulatorJsonContext.Default.ModelInfo, out var parseError);
        var rule = simulator.DispatchFaults.Take();
        var step = await FaultInjector.BeforeAsync(
            context, rule, SimulatorRoutes.Dispatch, simulator.TimeProvider, simulator.Logger, call.Token).ConfigureAwait(false);
        if (!step.Proceed)
        {
            simulator.Record(new DispatchRecord(receivedAt, text, request, step.StatusCode, null, rule?.Kind));
            return;
        }

        var (statusCode, taskId) = await ServeDispatchAsync(
            context, simulator, prefix, request, parseError, rule?.Kind == FaultKind.DropResponse).ConfigureAwait(false);
        simulator.Record(new DispatchRecord(receivedAt, text, request, statusCode, taskId, rule?.Kind));
    }

    private static async Task<(int? StatusCode, string? TaskId)> ServeDispatchAsync(
        HttpContext context,
        CodeArtsSimulator simulator,
        string prefix,
        ModelInfo? request,
        string? parseError,
        bool dropResponse)
    {
        if (!await AuthorizeAsync(context, simulator, SimulatorRoutes.Dispatch).ConfigureAwait(false))
        {
            return (StatusCodes.Status401Unauthorized, null);
        }

        if (!context.Request.HasJsonContentType())
        {
            return (await RejectAsync(context, simulator, StatusCodes.Status415UnsupportedMediaType, "the content type is not application/json").ConfigureAwait(false), null);
        }

        if (request is null)
        {
            return (await RejectAsync(context, simulator, StatusCodes.Status400BadRequest, parseError!).ConfigureAwait(false), null);
        }

        if (string.IsNullOrWhiteSpace(request.ModelId))
        {
            return (await RejectAsync(context, simulator, StatusCodes.Status400BadRequest, "model_id is required").ConfigureAwait(false), null);
        }

        var httpRequest = context.Request;
        var reportUrlBase = $"{httpRequest.Scheme}://{httpRequest.Host}{httpRequest.PathBase}{prefix}";
        var task = simulator.TryCreateTask(request, reportUrlBase, out var running, out var cap);
        if (task is null)
        {
            simulator.Logger.AtCapacity(request.ModelId, running, cap ?? 0);
            context.Response.Headers.RetryAfter = RetryAfterSeconds;
            await SimulatorHttp.WriteErrorAsync(
                context,
                StatusCodes.Status429TooManyRequests,
                $"{running} tasks already run; at most {cap} may run at once.").ConfigureAwait(false);
            return (StatusCodes.Status429TooManyRequests, null);
        }

        if (dropResponse)
        {
            context.Abort();
            return (null, task.TaskId);
        }

        await SimulatorHttp.WriteJsonAsync(context, StatusCodes.Status200OK, ToWire(task), SimulatorJsonContext.Default.CiTaskInfo).ConfigureAwait(false);
        return (StatusCodes.Status200OK, task.TaskId);
    }

    private static async Task StatusAsync(HttpContext context, CodeArtsSimulator simulator)
    {
        var receivedAt = simulator.TimeProvider.GetUtcNow();
        var taskId = (string)context.Request.RouteValues["task_id"]!;
        using var call = SimulatorHttp.CallCancellation(context);
        var rule = simulator.StatusFaults.Take();
        var step = await FaultInjector.BeforeAsync(
            context, rule, SimulatorRoutes.TaskStatus, simulator.TimeProvider, simulator.Logger, call.Token).ConfigureAwait(false);
        if (!step.Proceed)
        {
            simulator.Record(new PollRecord(receivedAt, taskId, simulator.GetTask(taskId)?.ModelId, step.StatusCode, null, rule?.Kind));
            return;
        }

        if (!await AuthorizeAsync(context, simulator, SimulatorRoutes.TaskStatus).ConfigureAwait(false))
        {
            simulator.Record(new PollRecord(receivedAt, taskId, null, StatusCodes.Status401Unauthorized, null, rule?.Kind));
            return;
        }

        var task = simulator.Poll(taskId);
        if (task is null)
        {
            simulator.Logger.UnknownTask(taskId);
            await SimulatorHttp.WriteErrorAsync(context, StatusCodes.Status404NotFound, $"No task '{taskId}'.").ConfigureAwait(false);
            simulator.Record(new PollRecord(receivedAt, taskId, null, StatusCodes.Status404NotFound, null, rule?.Kind));
            return;
        }

        simulator.Logger.Polled(taskId, task.Status);
        if (rule?.Kind == FaultKind.DropResponse)
        {
            context.Abort();
            simulator.Record(new PollRecord(receivedAt, taskId, task.ModelId, null, task.Status, rule.Kind));
            return;
        }

        await SimulatorHttp.WriteJsonAsync(context, StatusCodes.Status200OK, ToWire(task), SimulatorJsonContext.Default.CiTaskInfo).ConfigureAwait(false);
        simulator.Record(new PollRecord(receivedAt, taskId, task.ModelId, StatusCodes.Status200OK, task.Status, rule?.Kind));
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

    private static async Task<bool> AuthorizeAsync(HttpContext context, CodeArtsSimulator simulator, string route)
    {
        if (simulator.IsAuthorized(context.Request.Headers.Authorization))
        {
            return true;
        }

        simulator.Logger.Unauthorized(route);
        context.Response.Headers.WWWAuthenticate = "Bearer";
        await SimulatorHttp.WriteErrorAsync(context, StatusCodes.Status401Unauthorized, "A valid bearer token is required.").ConfigureAwait(false);
        return false;
    }

    private static async Task<int> RejectAsync(HttpContext context, CodeArtsSimulator simulator, int statusCode, string reason)
    {
        simulator.Logger.DispatchRejected(statusCode, reason);
        await SimulatorHttp.WriteErrorAsync(context, statusCode, reason).ConfigureAwait(false);
        return statusCode;
    }

    private static CiTaskInfo ToWire(CodeArtsTask task) => new()
    {
        TaskId = task.TaskId,
        ModelId = task.ModelId,
        Status = task.Status,
        ReportUrl = task.ReportUrl,
    };
}
