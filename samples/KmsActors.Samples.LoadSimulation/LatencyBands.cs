namespace KmsActors.Samples.LoadSimulation;

/// <summary>The latency bands of the histogram the summary draws, in milliseconds.</summary>
public static class LatencyBands
{
    public static readonly IReadOnlyList<(string Label, double From, double To)> All =
    [
        ("< 0.1 ms", 0, 0.1), ("0.1–0.25", 0.1, 0.25), ("0.25–0.5", 0.25, 0.5), ("0.5–1", 0.5, 1), ("1–2.5", 1, 2.5),
        ("2.5–5", 2.5, 5), ("5–10", 5, 10), ("10–25", 10, 25), ("25–50", 25, 50), ("50–100", 50, 100),
        ("100–250", 100, 250), ("≥ 250 ms", 250, double.MaxValue),
    ];

    public static LatencyHistogram Combined(StatsBoard board)
    {
        var all = new LatencyHistogram();
        foreach (var (_, stats) in board.Used)
            all.Add(stats.Latency);
        return all;
    }
}
