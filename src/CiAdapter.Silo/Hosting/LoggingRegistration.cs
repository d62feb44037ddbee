using CiAdapter.Silo.Configuration;
using CiAdapter.Silo.Logging;

namespace CiAdapter.Silo.Hosting;

internal static class LoggingRegistration
{
    /// <summary>
    /// JSON lines in Production (for the log pipeline), with scopes (request id, path, trace id); one
    /// readable line per event in Development. Header values of outgoing HTTP calls are never logged.
    /// </summary>
    public static WebApplicationBuilder AddCiAdapterLogging(this WebApplicationBuilder builder, CiAdapterSettings settings)
    {
        builder.Logging.ClearProviders();
        builder.Services.RedactHttpClientHeaderValues();
        if (settings.IsDevelopment)
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
                o.UseUtcTimestamp = true;
            });
        }
        else
        {
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                o.UseUtcTimestamp = true;
            });
        }

        return builder;
    }
}
