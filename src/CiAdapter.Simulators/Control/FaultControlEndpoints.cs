using CiAdapter.Simulators.Faults;
using CiAdapter.Simulators.Http;
using CiAdapter.Simulators.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace CiAdapter.Simulators.Control;

/// <summary>
/// <c>{prefix}/_sim/faults</c>: lets a test or a demo in another process read (GET), add to (POST)
/// and clear (DELETE, optionally <c>?route=</c>) a simulator's fault plans.
/// </summary>
internal static class FaultControlEndpoints
{
    public const string Path = "/_sim/faults";

    public static void Map(IEndpointRouteBuilder routes, IReadOnlyList<FaultPlan> plans, ILogger logger)
    {
        routes.MapGet(Path, (RequestDelegate)(context => WritePlansAsync(context, StatusCodes.Status200OK, plans)));
        routes.MapPost(Path, (RequestDelegate)(context => AddAsync(context, plans, logger)));
        routes.MapDelete(Path, (RequestDelegate)(context => ClearAsync(context, plans, logger)));
    }

    private static async Task AddAsync(HttpContext context, IReadOnlyList<FaultPlan> plans, ILogger logger)
    {
        using var call = SimulatorHttp.CallCancellation(context);
        byte[]? body;
        try
        {
            body = await SimulatorHttp.ReadBodyAsync(context, call.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            return;
        }

        if (body is null)
        {
            await SimulatorHttp.WriteErrorAsync(context, StatusCodes.Status413PayloadTooLarge, "The body is larger than 1 MiB.").ConfigureAwait(false);
            return;
        }

        var wire = SimulatorHttp.Parse(body, SimulatorJsonContext.Default.FaultRuleWire, out var error);
        if (wire is null)
        {
            await SimulatorHttp.WriteErrorAsync(context, StatusCodes.Status400BadRequest, error!).ConfigureAwait(false);
            return;
        }

        if (Find(plans, wire.Route) is not { } plan)
        {
            await SimulatorHttp.WriteErrorAsync(context, StatusCodes.Status400BadRequest, UnknownRoute(plans, wire.Route)).ConfigureAwait(false);
            return;
        }

        if (wire.ToRule(out error) is not { } rule)
        {
            await SimulatorHttp.WriteErrorAsync(context, StatusCodes.Status400BadRequest, error!).ConfigureAwait(false);
            return;
        }

        plan.Add(rule);
        logger.PlanChanged(plan.Route, plan.Rules.Count);
        await WritePlansAsync(context, StatusCodes.Status200OK, plans).ConfigureAwait(false);
    }

    private static Task ClearAsync(HttpContext context, IReadOnlyList<FaultPlan> plans, ILogger logger)
    {
        string? route = context.Request.Query["route"];
        IEnumerable<FaultPlan> cleared;
        if (string.IsNullOrEmpty(route))
        {
            cleared = plans;
        }
        else if (Find(plans, route) is { } plan)
        {
            cleared = [plan];
        }
        else
        {
            return SimulatorHttp.WriteErrorAsync(context, StatusCodes.Status400BadRequest, UnknownRoute(plans, route));
        }

        foreach (var plan in cleared)
        {
            plan.Clear();
            logger.PlanChanged(plan.Route, 0);
        }

        return WritePlansAsync(context, StatusCodes.Status200OK, plans);
    }

    private static Task WritePlansAsync(HttpContext context, int statusCode, IReadOnlyList<FaultPlan> plans)
    {
        var view = plans.ToDictionary(p => p.Route, p => p.Rules.Select(FaultRuleWire.From).ToList(), StringComparer.Ordinal);
        return SimulatorHttp.WriteJsonAsync(context, statusCode, view, SimulatorJsonContext.Default.DictionaryStringListFaultRuleWire);
    }

    private static FaultPlan? Find(IReadOnlyList<FaultPlan> plans, string? route) =>
        plans.FirstOrDefault(p => string.Equals(p.Route, route?.Trim(), StringComparison.OrdinalIgnoreCase));

    private static string UnknownRoute(IReadOnlyList<FaultPlan> plans, string? route) =>
        $"route '{route}' is not one of {string.Join(", ", plans.Select(p => p.Route))}";
}
