using System.Diagnostics;
using System.Globalization;
using System.Text;
using CiAdapter.Benchmarks;
using CiAdapter.Kafka.Embedded;
using CiAdapter.Kafka.Hosting;
using CiAdapter.Streams;
using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Throughput of the Kafka stream provider on this machine, against a raw Confluent consumer.
// Usage: dotnet run -c Release --project bench/CiAdapter.Benchmarks [events] [partitions] [models]
//
// Each reader is started first and the events are produced while it reads; the figure is the
// time from the first produce to the last event read (or applied by its grain).
var events = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
var partitions = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 4;
var models = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1_000;
var limit = TimeSpan.FromMinutes(5);

// A reader that has made no progress for this long has read all it will get.
var idle = TimeSpan.FromSeconds(5);

await using var kafka = EmbeddedKafkaCluster.Start();
kafka.CreateTopic("bench-raw", partitions);
kafka.CreateTopic("bench-provider", partitions);
kafka.CreateTopic("bench-dead-letters", 1);
Console.WriteLine($"events={events} partitions={partitions} models={models} cores={Environment.ProcessorCount}");

// Baseline: a bare consumer reading the partitions (no decoding, no grains).
using (var stop = new CancellationTokenSource(limit))
{
    var reader = Task.Factory.StartNew(
        () => ConsumeRaw(kafka.BootstrapServers, "bench-raw", partitions, events, idle, stop.Token),
        TaskCreationOptions.LongRunning);
    var clock = Stopwatch.StartNew();
    var produced = Produce(kafka.BootstrapServers, "bench-raw", events, partitions, models);
    Report("produce only (acks=all)", produced, clock.Elapsed);
    var (count, lastRead) = await reader;
    Report("raw Confluent consumer", count, lastRead);
}

// The provider: decode, one batch container per record, pulling agent, implicit grain, commit.
var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Error);
builder.UseOrleans(silo =>
{
    silo.UseLocalhostClustering();
    silo.AddMemoryGrainStorageAsDefault();
    silo.AddKafkaStreams(ModelStreams.ProviderName, options =>
    {
        options.BootstrapServers = kafka.BootstrapServers;
        options.Topic = "bench-provider";
        options.DeadLetterTopic = "bench-dead-letters";
        options.ConsumerGroupId = "bench";
    });
});
using var host = builder.Build();
await host.StartAsync();
await host.Services.StartKafkaStreamAgentsAsync(ModelStreams.ProviderName);
await Task.Delay(TimeSpan.FromSeconds(2));

var providerClock = Stopwatch.StartNew();
Produce(kafka.BootstrapServers, "bench-provider", events, partitions, models);
var (applied, lastApplied) = (0L, TimeSpan.Zero);
while (applied < events && providerClock.Elapsed < limit && providerClock.Elapsed - lastApplied < idle)
{
    await Task.Delay(10);
    if (CountingGrain.Applied > applied)
    {
        (applied, lastApplied) = (CountingGrain.Applied, providerClock.Elapsed);
    }
}

Report("provider -> implicit grain (1 silo)", applied, lastApplied);
await host.StopAsync();

static void Report(string what, long count, TimeSpan elapsed) =>
    Console.WriteLine($"{what,-38} {count,9} events in {elapsed.TotalSeconds,7:0.00} s = {count / elapsed.TotalSeconds,10:N0} events/s");

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
        var model = $"bench-group/model-{i % models}";
        var value = $$"""{"event_type":"initiate_certification","group_name":"bench-group","model_name":"model-{{i % models}}","model_id":"{{model}}","model_url":"https://models.example/{{model}}","id":"evt-{{i}}"}""";
        var message = new Message<byte[], byte[]> { Key = Encoding.UTF8.GetBytes(model), Value = Encoding.UTF8.GetBytes(value) };
        var partition = new TopicPartition(topic, new Partition(i % models % partitions));
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

static (long Count, TimeSpan LastRead) ConsumeRaw(string bootstrapServers, string topic, int partitions, int events, TimeSpan idle, CancellationToken cancellationToken)
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
    var lastRead = TimeSpan.Zero;
    while (count < events && !cancellationToken.IsCancellationRequested && (count == 0 || clock.Elapsed - lastRead < idle))
    {
        if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is not null)
        {
            count++;
            lastRead = clock.Elapsed;
        }
    }

    return (count, lastRead);
}
