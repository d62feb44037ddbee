using Microsoft.Extensions.DependencyInjection.Extensions;
using CiAdapter.Models;
using CiAdapter.Silo.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CiAdapter.Silo.Admin;

/// <summary>
/// The admin API (SPEC §7), guarded by the admin token: a model's state read from its grain, and
/// listings and counts read from the index shards. Bad parameters answer 400 and an unknown model
/// 404, each with a problem-details reason; a cluster that does not answer gives 503.
/// </summary>
internal static partial class AdminApiEndpoints
{
    public static IServiceCollection AddCiAdapterAdminApi(this IServiceCollection services)
    {
        services.TryAddSingleton<ModelCatalog>();
        return services;
    }

    public static IEndpointRouteBuilder MapCiAdapterAdminApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").RequireAdminToken(AdminChallenge.Bearer);
        api.MapGet("/models", ListAsync);
        api.MapGet("/models/summary", SummaryAsync);
        api.MapGet("/models/{group}/{**name}", GetAsync);

        // Anything else under /api is guarded too, so the token is needed even to learn what exists.
        api.Map("/{**path}", () => TypedResults.Problem(
            title: "Not Found", detail: "no such admin API route", statusCode: StatusCodes.Status404NotFound));
        return endpoints;
    }

    private static Task<IResult> GetAsync(HttpContext context, ModelCatalog catalog, ILoggerFactory logs, string group, string? name)
    {
        var modelId = ModelIdPath.Read(context, group, name);
        if (ModelIds.Validate(modelId) is { } problem)
        {
            return Task.FromResult<IResult>(BadRequest($"'{modelId}' is not a model id: {problem}"));
        }

        return AskClusterAsync(logs, async () =>
        {
            var model = await catalog.GetAsync(modelId);
            return model is null
                ? TypedResults.Problem(title: "Not Found", detail: $"no model '{modelId}' is known to the service", statusCode: StatusCodes.Status404NotFound)
                : TypedResults.Json(ModelDocuments.From(model), AdminJsonContext.Default.ModelDocument);
        });
    }

    private static Task<IResult> ListAsync(HttpContext context, ModelCatalog catalog, ILoggerFactory logs)
    {
        if (!ModelListingRequest.TryParse(context.Request.Query, out var request, out var problem))
        {
            return Task.FromResult<IResult>(BadRequest(problem));
        }

        return AskClusterAsync(logs, async () =>
        {
            var listing = await catalog.ListAsync(request);
            var document = new ModelListDocument(
                [.. listing.Entries.Select(ModelDocuments.From)],
                listing.LastModelId is { } last ? ListingCursor.Encode(last) : null);
            return TypedResults.Json(document, AdminJsonContext.Default.ModelListDocument);
        });
    }

    private static Task<IResult> SummaryAsync(ModelCatalog catalog, ILoggerFactory logs) =>
        AskClusterAsync(logs, async () =>
            TypedResults.Json(ModelDocuments.From(await catalog.CountAsync()), AdminJsonContext.Default.ModelSummaryDocument));

    private static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(title: "Bad Request", detail: detail, statusCode: StatusCodes.Status400BadRequest);

    private static async Task<IResult> AskClusterAsync(ILoggerFactory logs, Func<Task<IResult>> ask)
    {
        try
        {
            return await ask();
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException)
        {
            LogClusterUnavailable(logs.CreateLogger(typeof(AdminApiEndpoints).FullName!), ex);
            return TypedResults.Problem(
                title: "Service Unavailable",
                detail: "the cluster did not answer; try again shortly",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Admin API: the cluster did not answer")]
    private static partial void LogClusterUnavailable(ILogger logger, Exception exception);
}
