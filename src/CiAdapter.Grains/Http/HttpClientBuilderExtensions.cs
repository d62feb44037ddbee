using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace CiAdapter.Http;

internal static class HttpClientBuilderExtensions
{
    /// <summary>
    /// Total timeout → retry with exponential backoff and jitter → per-attempt timeout, tuned by
    /// <typeparamref name="TOptions"/> (Microsoft.Extensions.Http.Resilience on Polly).
    /// </summary>
    public static IHttpClientBuilder AddCallResilience<TOptions>(this IHttpClientBuilder builder, string pipelineName)
        where TOptions : HttpCallOptions
    {
        builder.AddResilienceHandler(pipelineName, static (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<TOptions>>().Value;
            pipeline.AddTimeout(options.TotalTimeout);
            if (options.MaxRetryAttempts > 0)
            {
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = options.MaxRetryAttempts,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = options.RetryDelay,
                    ShouldRetryAfterHeader = true,
                    ShouldHandle = args => ValueTask.FromResult(
                        TransientHttpFailures.ShouldRetry(args.Outcome, args.Context.GetRequestMessage()?.Method ?? HttpMethod.Post)),
                });
            }

            pipeline.AddTimeout(options.AttemptTimeout);
        });
        return builder;
    }
}
