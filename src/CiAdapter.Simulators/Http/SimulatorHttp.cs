using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CiAdapter.Simulators.Wire;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CiAdapter.Simulators.Http;

/// <summary>The HTTP chores every simulator route shares.</summary>
internal static class SimulatorHttp
{
    /// <summary>Bodies above this are refused, as the adapter's own inputs are.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>
    /// A token that ends when the client goes or the host stops, so a delayed or held call never
    /// outlives either (a host waits for running requests when it stops).
    /// </summary>
    public static CancellationTokenSource CallCancellation(HttpContext context)
    {
        var stopping = context.RequestServices.GetService<IHostApplicationLifetime>()?.ApplicationStopping
            ?? CancellationToken.None;
        return CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
    }

    /// <summary>Reads the whole body; null when it is larger than <see cref="MaxBodyBytes"/>.</summary>
    public static async Task<byte[]?> ReadBodyAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var body = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (body.Length + read > MaxBodyBytes)
            {
                return null;
            }

            body.Write(chunk, 0, read);
        }

        return body.ToArray();
    }

    public static Task WriteJsonAsync<T>(HttpContext context, int statusCode, T value, JsonTypeInfo<T> typeInfo)
    {
        context.Response.StatusCode = statusCode;
        return context.Response.WriteAsJsonAsync(value, typeInfo, contentType: null, CancellationToken.None);
    }

    public static Task WriteErrorAsync(HttpContext context, int statusCode, string message) =>
        WriteJsonAsync(
            context,
            statusCode,
            new ErrorBody($"SIM.{statusCode}", message),
            SimulatorJsonContext.Default.ErrorBody);

    /// <summary>Reads a JSON body into <typeparamref name="T"/>; null with a reason when it cannot.</summary>
    public static T? Parse<T>(byte[] body, JsonTypeInfo<T> typeInfo, out string? error)
        where T : class
    {
        try
        {
            var value = JsonSerializer.Deserialize(body, typeInfo);
            error = value is null ? "the body is not a JSON object" : null;
            return value;
        }
        catch (JsonException e)
        {
            error = $"the body is not valid JSON for this call: {e.Message}";
            return null;
        }
    }
}
