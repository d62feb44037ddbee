using CiAdapter.Silo.Configuration;

namespace CiAdapter.Silo.Auth;

internal static class AdminAuthRegistration
{
    /// <summary>
    /// ADMIN_TOKEN guards <c>/api/*</c> and <c>/dashboard/*</c>: one handler under two schemes that
    /// differ only in their challenge, and one policy per surface. Endpoints opt in with
    /// <see cref="RequireAdminToken{TBuilder}"/>; everything else stays open.
    /// </summary>
    public static IServiceCollection AddCiAdapterAdminAuth(this IServiceCollection services, CiAdapterSettings settings)
    {
        var token = settings.AdminToken is { } configured ? new AdminToken(configured) : null;
        void Configure(AdminTokenOptions o, AdminChallenge challenge)
        {
            o.Token = token;
            o.OpenWithoutToken = settings.IsDevelopment;
            o.Challenge = challenge;
        }

        services.AddAuthentication()
            .AddScheme<AdminTokenOptions, AdminTokenAuthenticationHandler>(
                AdminAuthentication.ApiScheme, o => Configure(o, AdminChallenge.Bearer))
            .AddScheme<AdminTokenOptions, AdminTokenAuthenticationHandler>(
                AdminAuthentication.DashboardScheme, o => Configure(o, AdminChallenge.Basic));
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminAuthentication.ApiPolicy, p => p
                .AddAuthenticationSchemes(AdminAuthentication.ApiScheme)
                .RequireAuthenticatedUser())
            .AddPolicy(AdminAuthentication.DashboardPolicy, p => p
                .AddAuthenticationSchemes(AdminAuthentication.DashboardScheme)
                .RequireAuthenticatedUser());
        services.AddHostedService<AdminSurfaceStartupCheck>();
        return services;
    }

    public static WebApplication UseCiAdapterAdminAuth(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    /// <summary>Only requests that present the admin token reach these endpoints.</summary>
    public static TBuilder RequireAdminToken<TBuilder>(this TBuilder builder, AdminChallenge challenge)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(challenge == AdminChallenge.Basic ? AdminAuthentication.DashboardPolicy : AdminAuthentication.ApiPolicy);
}
