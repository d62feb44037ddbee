using System.Text.Json;
using CiAdapter.Silo.Configuration;
using CiAdapter.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace CiAdapter.Silo.Tests.Logging;

/// <summary>What a log line looks like: JSON for the pipeline in Production, one readable line in Development.</summary>
public sealed class LogFormatTests
{
    [Fact]
    public void Production_LogLine_IsOneJsonObjectWithScopesAndUtcTimestamp()
    {
        using var app = BuildLogging("Production");

        var line = Format(app.Services, "Model {ModelId} is {Status}", "ai-group/llama-7b", "running");

        Assert.Equal(ConsoleFormatterNames.Json, app.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName);
        Assert.Single(line.TrimEnd().Split('\n'));
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        Assert.Equal(4242, root.GetProperty("EventId").GetInt32());
        Assert.Equal("Information", root.GetProperty("LogLevel").GetString());
        Assert.Equal("Model ai-group/llama-7b is running", root.GetProperty("Message").GetString());
        Assert.Equal("ai-group/llama-7b", root.GetProperty("State").GetProperty("ModelId").GetString());
        Assert.EndsWith("Z", root.GetProperty("Timestamp").GetString(), StringComparison.Ordinal);
        Assert.Contains(
            root.GetProperty("Scopes").EnumerateArray(),
            s => s.TryGetProperty("RequestPath", out var path) && path.GetString() == "/api/models");
    }

    [Fact]
    public void Development_LogLine_IsOneReadableLine()
    {
        using var app = BuildLogging("Development");

        var line = Format(app.Services, "Model {ModelId} is {Status}", "ai-group/llama-7b", "running");

        Assert.Equal(ConsoleFormatterNames.Simple, app.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName);
        Assert.Single(line.TrimEnd().Split('\n'));
        Assert.Contains("info: test.category[4242] Model ai-group/llama-7b is running", line, StringComparison.Ordinal);
    }

    private static WebApplication BuildLogging(string environment)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [ConfigurationKeys.CiApiToken] = "t" });
        builder.AddCiAdapterLogging(SettingsReader.Read(builder.Configuration, builder.Environment));
        return builder.Build();
    }

    /// <summary>Renders one entry, inside a request-like scope, with the console formatter the service chose.</summary>
    private static string Format(IServiceProvider services, string template, params object[] values)
    {
        var name = services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName;
        var formatter = services.GetServices<ConsoleFormatter>().Single(f => f.Name == name);
        var scopes = new LoggerExternalScopeProvider();
        using var scope = scopes.Push(new Dictionary<string, object?> { ["RequestPath"] = "/api/models" });
        var state = new FormattedLogValuesState(template, values);
        using var writer = new StringWriter();
        formatter.Write(new LogEntry<FormattedLogValuesState>(LogLevel.Information, "test.category", new EventId(4242), state, null, (s, _) => s.ToString()), scopes, writer);
        return writer.ToString();
    }
}
