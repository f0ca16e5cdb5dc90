using KmsActors.Samples.LoadSimulation;

namespace KmsActors.Samples.Tests.LoadSimulation;

public sealed class LatencyHistogramTests
{
    [Fact]
    public void percentiles_are_within_the_bucket_resolution()
    {
        var histogram = new LatencyHistogram();
        for (var micros = 1; micros <= 10_000; micros++)
            histogram.Record(micros);

        Assert.InRange(histogram.PercentileMs(50), 5.0, 5.0 * 1.07);
        Assert.InRange(histogram.PercentileMs(99), 9.9, 9.9 * 1.07);
        Assert.Equal(10.0, histogram.PercentileMs(100));
        Assert.Equal(10_000, histogram.Count);
    }

    [Fact]
    public void bands_count_every_call_once()
    {
        var histogram = new LatencyHistogram();
        foreach (var micros in new long[] { 50, 300, 700, 4_000, 40_000, 400_000 })
            histogram.Record(micros);

        Assert.Equal(6, LatencyBands.All.Sum(b => histogram.CountBetween(b.From, b.To)));
    }
}
