namespace CiAdapter.Kafka.Tests;

public sealed class KafkaStreamOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_WithBrokers_Pass()
    {
        Assert.Null(KafkaStreamOptionsValidator.Validate(new KafkaStreamOptions { BootstrapServers = "127.0.0.1:9092" }));
    }

    [Theory]
    [InlineData(nameof(KafkaStreamOptions.BootstrapServers))]
    [InlineData(nameof(KafkaStreamOptions.Topic))]
    [InlineData(nameof(KafkaStreamOptions.DeadLetterTopic))]
    [InlineData(nameof(KafkaStreamOptions.MaxRecordBytes))]
    [InlineData(nameof(KafkaStreamOptions.MaxPendingRecordsPerPartition))]
    [InlineData(nameof(KafkaStreamOptions.CommitInterval))]
    [InlineData(nameof(KafkaStreamOptions.ClientSettings))]
    public void Validate_BadValue_NamesTheOption(string option)
    {
        var options = new KafkaStreamOptions { BootstrapServers = "127.0.0.1:9092" };
        switch (option)
        {
            case nameof(KafkaStreamOptions.BootstrapServers): options.BootstrapServers = "a:1,,b:2"; break;
            case nameof(KafkaStreamOptions.Topic): options.Topic = " "; break;
            case nameof(KafkaStreamOptions.DeadLetterTopic): options.DeadLetterTopic = options.Topic; break;
            case nameof(KafkaStreamOptions.MaxRecordBytes): options.MaxRecordBytes = 0; break;
            case nameof(KafkaStreamOptions.MaxPendingRecordsPerPartition): options.MaxPendingRecordsPerPartition = 1; break;
            case nameof(KafkaStreamOptions.CommitInterval): options.CommitInterval = TimeSpan.Zero; break;
            case nameof(KafkaStreamOptions.ClientSettings): options.ClientSettings["enable.auto.commit"] = "true"; break;
        }

        var problem = KafkaStreamOptionsValidator.Validate(options);

        Assert.NotNull(problem);
        Assert.Contains($"{nameof(KafkaStreamOptions)}.{option}", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateConfiguration_BadValue_ThrowsNamingTheProvider()
    {
        var validator = new KafkaStreamOptionsValidator(new KafkaStreamOptions(), "kafka");

        var error = Assert.Throws<OrleansConfigurationException>(validator.ValidateConfiguration);

        Assert.Contains("'kafka'", error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(KafkaStreamOptions.BootstrapServers), error.Message, StringComparison.Ordinal);
    }
}
