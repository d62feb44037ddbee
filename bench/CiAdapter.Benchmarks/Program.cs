using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using CiAdapter.Backend;
using CiAdapter.CodeArts;
using CiAdapter.Diagnostics;
using CiAdapter.Hosting;
using CiAdapter.Kafka.Embedded;
using CiAdapter.Kafka.Hosting;
using CiAdapter.Simulators.Hosting;
using CiAdapter.Streams;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Throughput from Kafka to applied ModelGrain state on one silo with memory storage, against a raw
// Confluent consumer reading the same records: the ratio is what the provider and the grains cost.
//
// Usage: dotnet run -c Release --project bench/CiAdapter.Benchmarks -- [events] [partitions] [models] [cacheSize]
// Defaults: 100000 events, 16 partitions, 10000 models, cache of 4096 events per partition.
//
// The topic is filled first, then each reader reads it from the start: the figures are read rates,
// not end-to-end latencies. The embedded cluster keeps the newest 5 MiB of each partition (like a
// short retention), so the records are spread over enough partitions to keep them all.
var events = Argument(0, 100_000);
var partitions = Argument(1, 16);
var models = Argument(2, 10_000);
var cacheSize = Argument(3, 4_096); // Orleans' default, which the service ships with
const string Topic = "bench-events";
var limit = TimeSpan.FromMinutes(10);

Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {CpuModel()}, {RuntimeInformation.OSDescription}, .NET {Environment.Version}");
Console.WriteLine($"run: events={events:N0} partitions={partitions} models={models:N0} cacheSize={cacheSize:N0}");

await using var kafka = EmbeddedKafkaCluster.Start();
kafka.CreateTopic(Topic, partitions);
kafka.CreateTopic("bench-dead-letters", 1);

var clock = Stopwatch.StartNew();
var produced = Produce(kafka.BootstrapServers, Topic, events, partitions, models);
Report("produce (acks=all, idempotent)", produced, clock.Elapsed);

clock.Restart();
var read = ConsumeRaw(kafka.BootstrapServers, Topic, partitions, events, limit);
var rawElapsed = clock.Elapsed;
var rawRate = Report("raw Confluent consumer", read, rawElapsed);

// The service's own parts: Kafka provider, ModelGrain, model index, CodeArts client (a local simulator
// whose tasks never finish, so no poll completes during the run), production intervals.
await using var simulators = await SimulatorServer.StartAsync(new SimulatorServerOptions
{
    CodeArts = new() { Token = "bench", RunTime = Timeout.InfiniteTimeSpan },
});
var applied = 0L;
using var listener = CountAppliedEvents(count => Interlocked.Add(ref applied, count));
var builder = Host.CreateApplicationBuilder();
// Stopping the host while reminders and index reports are still in flight logs errors that say nothing about throughput.
builder.Logging.SetMinimumLevel(LogLevel.Critical);
builder.Services.AddCiAdapterGrainServices();
builder.Services.Configure<CodeArtsOptions>(o =>
{
    o.BaseUrl = new Uri(simulators.CodeArtsBaseUrl);
    o.ApiToken = "bench";
});
builder.Services.Configure<BackendOptions>(o => o.BaseUrl = new Uri(simulators.BackendBaseUrl));
builder.UseOrleans(silo =>
{
    silo.UseLocalhostClustering();
    silo.AddCiAdapterMemoryStorage();
    silo.UseInMemoryReminderService();
    silo.AddKafkaStreams(ModelStreams.ProviderName, configurator =>
    {
        configurator.ConfigureKafka(options => options.Configure(o =>
        {
            o.BootstrapServers = kafka.BootstrapServers;
            o.Topic = Topic;
            o.DeadLetterTopic = "bench-dead-letters";
            o.ConsumerGroupId = "bench";
        }));
        configurator.ConfigureCache(cacheSize);
    });
});
using var host = builder.Build();
await host.StartAsync();

clock.Restart();
await host.Services.StartKafkaStreamAgentsAsync(ModelStreams.ProviderName);
while (Interlocked.Read(ref applied) < read && clock.Elapsed < limit)
{
    await Task.Delay(10);
}

var providerRate = Report("Kafka -> ModelGrain state (1 silo)", Interlocked.Read(ref applied), clock.Elapsed);
Console.WriteLine($"ratio: {providerRate / rawRate:P1} of the raw consumer's rate");
Console.WriteLine($"dispatches reaching CodeArts meanwhile: {simulators.CodeArts.Dispatches.Count:N0}");
await host.StopAsync();

int Argument(int index, int fallback) => args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;

static double Report(string what, long count, TimeSpan elapsed)
{
    var rate = count / elapsed.TotalSeconds;
    Console.WriteLine($"{what,-36} {count,9:N0} events in {elapsed.TotalSeconds,7:0.00} s = {rate,9:N0} events/s");
    return rate;
}

static string CpuModel() =>
    File.Exists("/proc/cpuinfo")
        ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
        : "unknown CPU";

static MeterListener CountAppliedEvents(Action<long> add)
{
    var listener = new MeterListener
    {
        InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == CiAdapterMetrics.MeterName && instrument.Name == "ci_adapter.events.applied")
            {
                l.EnableMeasurementEvents(instrument);
            }
        },
    };
    listener.SetMeasurementEventCallback<long>((_, value, _, _) => add(value));
    listener.Start();
    return listener;
}

static long Produce(string bootstrapServers, string topic, int events, int partitions, int models)
{
    long acknowledged = 0;
    using var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig
    {
        BootstrapServers = bootstrapServers,
        Acks = Acks.All,
        EnableIdempotence = true,
        LingerMs = 5,
    }).Build();
    for (var i = 0; i < events; i++)
    {
        var model = i % models;
        var modelId = $"bench-group/model-{model}";
        var value = $$"""{"event_type":"initiate_certification","group_name":"bench-group","model_name":"model-{{model}}","model_id":"{{modelId}}","model_url":"https://models.example/{{modelId}}","id":"evt-{{i}}"}""";
        var message = new Message<byte[], byte[]> { Key = Encoding.UTF8.GetBytes(modelId), Value = Encoding.UTF8.GetBytes(value) };
        var partition = new TopicPartition(topic, new Partition(model % partitions));
        while (true)
        {
            try
            {
                producer.Produce(partition, message, report =>
                {
                    if (!report.Error.IsError)
                    {
                        Interlocked.Increment(ref acknowledged);
                    }
                });
                break;
            }
            catch (ProduceException<byte[], byte[]> e) when (e.Error.Code == Confluent.Kafka.ErrorCode.Local_QueueFull)
            {
                producer.Poll(TimeSpan.FromMilliseconds(50));
            }
        }
    }

    producer.Flush(TimeSpan.FromMinutes(2));
    return acknowledged;
}

static long ConsumeRaw(string bootstrapServers, string topic, int partitions, long events, TimeSpan limit)
{
    using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
    {
        BootstrapServers = bootstrapServers,
        GroupId = "bench-raw",
        EnableAutoCommit = false,
    }).Build();
    consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, new Partition(p), Offset.Beginning)));
    long count = 0;
    var clock = Stopwatch.StartNew();
    while (count < events && clock.Elapsed < limit)
    {
        if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is not null)
        {
            count++;
        }
    }

    return count;
}
