using System.Net;
using CiAdapter.Models;
using CiAdapter.Silo.Tests.Admin;
using CiAdapter.Testing;
using CiAdapter.Testing.Kafka;
using CiAdapter.Testing.Orleans;

namespace CiAdapter.Silo.Tests.Metrics;

/// <summary><c>/metrics</c>: the app's instruments in Prometheus text, moving as models go through CI.</summary>
[Collection(OperatorSurfaceCollection.Name)]
public sealed class MetricsEndpointTests(OperatorServiceFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private OperatorService Service => fixture.Service;

    [Fact]
    public async Task Metrics_WithoutCredentials_ArePrometheusText()
    {
        using var response = await Service.GetAsync("metrics", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var scrape = new PrometheusScrape(await response.Content.ReadAsStringAsync());
        Assert.Equal("histogram", scrape.TypeOf("ci_adapter_restore_duration_seconds"));
        Assert.True(scrape.Has("target_info", ("service_name", "ci-adapter")), "the resource names the service");
    }

    [Fact]
    public async Task Metrics_AfterASuccessfulRound_CountDispatchPollsPushesAndLatency()
    {
        var before = await ScrapeAsync();
        var modelId = TestEvents.NewModelId("metered");

        await Service.CertifyAsync(modelId);

        var after = await Wait.ForAsync(
            ScrapeAsync,
            s => s.Sum("ci_adapter_backend_pushes_total", ("outcome", "ok")) > before.Sum("ci_adapter_backend_pushes_total", ("outcome", "ok")),
            Deadline,
            "the model's statuses were pushed to the backend");
        Assert.True(Increase(before, after, "ci_adapter_ci_dispatches_total", ("outcome", "ok")) >= 1);
        Assert.True(Increase(before, after, "ci_adapter_ci_polls_total", ("result", "success")) >= 1);
        Assert.True(Increase(before, after, "ci_adapter_events_applied_total") >= 1);
        Assert.True(Increase(before, after, "ci_adapter_ci_request_duration_seconds_count", ("operation", "dispatch")) >= 1);
        Assert.True(Increase(before, after, "ci_adapter_ci_run_duration_seconds_count", ("result", "success")) >= 1);
        Assert.Equal("counter", after.TypeOf("ci_adapter_ci_dispatches_total"));
        Assert.Equal("histogram", after.TypeOf("ci_adapter_ci_request_duration_seconds"));
    }

    [Fact]
    public async Task Metrics_RequestLatency_UsesBucketsInSeconds()
    {
        await Service.CertifyAsync(TestEvents.NewModelId("latency"));

        var scrape = await ScrapeAsync();

        // A loopback call takes milliseconds: it must land below the one-second bucket, not in the first of 0–10000.
        Assert.True(scrape.Has("ci_adapter_ci_request_duration_seconds_bucket", ("le", "0.005")));
        var underOneSecond = scrape.Sum("ci_adapter_ci_request_duration_seconds_bucket", ("operation", "dispatch"), ("le", "1"));
        var all = scrape.Sum("ci_adapter_ci_request_duration_seconds_count", ("operation", "dispatch"));
        Assert.True(underOneSecond > 0 && underOneSecond <= all);
        Assert.True(scrape.Has("ci_adapter_ci_run_duration_seconds_bucket", ("le", "3600")));
    }

    [Fact]
    public async Task Metrics_ModelsByStatus_FollowTheIndex()
    {
        var prefix = $"gauge-{Guid.NewGuid():N}";
        var before = await ScrapeAsync();

        await IndexSeed.AddAsync(Service.Service.Services, prefix, 30, ModelStatus.Failed);

        var after = await Wait.ForAsync(
            ScrapeAsync,
            s => s.Sum("ci_adapter_models", ("status", "failed")) >= before.Sum("ci_adapter_models", ("status", "failed")) + 30,
            Deadline,
            "the gauge counts the 30 failed models");
        Assert.Equal("gauge", after.TypeOf("ci_adapter_models"));
        Assert.All(ModelStatusNames.All, s => Assert.True(after.Has("ci_adapter_models", ("status", s.ToWire()))));
    }

    [Fact]
    public async Task Metrics_OfAnotherServiceInTheSameProcess_NeitherMixInNorEndTheseSeries()
    {
        var before = await ScrapeAsync();
        await using (var other = await OperatorService.StartAsync(adminToken: null))
        {
            // The simulator fails models whose name says so; no model of the shared service does.
            await other.CertifyAsync(TestEvents.NewModelId("will-fail"), ModelStatus.Failed);
        }

        await Service.CertifyAsync(TestEvents.NewModelId("after-other"));
        var after = await Wait.ForAsync(
            ScrapeAsync,
            s => s.Sum("ci_adapter_ci_polls_total", ("result", "success")) > before.Sum("ci_adapter_ci_polls_total", ("result", "success")),
            Deadline,
            "this service still counts its own polls after the other service stopped");
        Assert.Equal(before.Sum("ci_adapter_ci_polls_total", ("result", "failed")), after.Sum("ci_adapter_ci_polls_total", ("result", "failed")));
        Assert.Equal("histogram", after.TypeOf("ci_adapter_restore_duration_seconds"));
    }

    [Fact]
    public async Task Metrics_AfterGoodAndBadRecords_CountConsumedAndDeadLetteredByReason()
    {
        var kafka = Service.Service.Kafka ?? throw new InvalidOperationException("The service reads the shared test cluster.");
        var before = await ScrapeAsync();
        var modelId = TestEvents.NewModelId("from-kafka");
        using var producer = new KafkaTestProducer(kafka.BootstrapServers);

        await producer.ProduceAsync(kafka.Topic, modelId, ModelEventJson.Initiate(modelId, TestEvents.NewEventId()));
        await producer.ProduceAsync(kafka.Topic, "bad", "{not json");

        var after = await Wait.ForAsync(
            ScrapeAsync,
            s => Increase(before, s, "ci_adapter_kafka_records_dead_lettered_total", ("reason", "invalid-json")) >= 1
                && Increase(before, s, "ci_adapter_kafka_records_consumed_total") >= 2
                && Increase(before, s, "ci_adapter_kafka_records_delivered_total") >= 1,
            Deadline,
            "the Kafka counters count the good record as consumed and applied and the bad one as dead-lettered");
        Assert.Equal(0, Increase(before, after, "ci_adapter_kafka_records_dead_lettered_total", ("reason", "too-large")));
    }

    private static double Increase(PrometheusScrape before, PrometheusScrape after, string name, params (string, string)[] labels) =>
        after.Sum(name, labels) - before.Sum(name, labels);

    private async Task<PrometheusScrape> ScrapeAsync()
    {
        using var response = await Service.GetAsync("metrics", null);
        response.EnsureSuccessStatusCode();
        return new PrometheusScrape(await response.Content.ReadAsStringAsync());
    }
}
