using System.Diagnostics.Metrics;
using CiAdapter.Diagnostics;
using CiAdapter.Models;
using CiAdapter.Silo.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace CiAdapter.Silo.Tests.Metrics;

public sealed class ModelStatusGaugeTests
{
    [Fact]
    public void Gauge_BeforeTheFirstCount_ReportsNothing()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = services.GetRequiredService<IMeterFactory>();
        var gauge = new ModelStatusGauge(factory, TimeProvider.System);

        Assert.Empty(Observe(factory));
        Assert.Null(gauge.RefreshedAt);
    }

    [Fact]
    public void Gauge_AfterACount_ReportsEveryStatus()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = services.GetRequiredService<IMeterFactory>();
        var gauge = new ModelStatusGauge(factory, TimeProvider.System);

        gauge.Update(new Dictionary<ModelStatus, int> { [ModelStatus.Running] = 3, [ModelStatus.Success] = 7 });

        var observed = Observe(factory);
        Assert.Equal(
            new Dictionary<string, int> { ["pending"] = 0, ["running"] = 3, ["success"] = 7, ["failed"] = 0 },
            observed);
        Assert.NotNull(gauge.RefreshedAt);
    }

    /// <summary>Reads the gauge of this factory's meter only: other tests' services run in the same process.</summary>
    private static Dictionary<string, int> Observe(IMeterFactory factory)
    {
        var observed = new Dictionary<string, int>(StringComparer.Ordinal);
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, factory)
                && instrument.Meter.Name == CiAdapterMetrics.MeterName
                && instrument.Name == ModelStatusGauge.InstrumentName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((_, value, tags, _) => observed[(string)tags[0].Value!] = value);
        listener.Start();
        listener.RecordObservableInstruments();
        return observed;
    }
}
