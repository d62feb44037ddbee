using CiAdapter.Silo.Configuration;

namespace CiAdapter.Silo.Hosting;

internal static class LoggingRegistration
{
    /// <summary>JSON lines in Production (for the log pipeline), one readable line per event in Development.</summary>
    public static WebApplicationBuilder AddCiAdapterLogging(this WebApplicationBuilder builder, CiAdapterSettings settings)
    {
        builder.Logging.ClearProviders();
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
