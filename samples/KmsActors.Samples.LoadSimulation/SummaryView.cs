using System.Globalization;
using Spectre.Console;

namespace KmsActors.Samples.LoadSimulation;

/// <summary>The end-of-run summary: a table per operation (count, ops/s, percentiles, errors by AWS code) and a
/// latency histogram. Renders as plain text when stdout is not a terminal.</summary>
public static class SummaryView
{
    public static void Write(SimulationResult result)
    {
        var s = result.Scenario;
        // InvariantGlobalization is on (Directory.Build.props): interpolation formats invariantly.
        AnsiConsole.WriteLine(
            $"set-up: {result.KeysCreated:N0} keys created, {result.KeysImported:N0} imported in {result.SetupTime.TotalSeconds:0.0} s; " +
            $"run: {s.Clients:N0} clients, {result.RunTime.TotalSeconds:0.0} s" + (result.VirtualElapsed is { } v ? $" ({v.TotalDays:0.##} virtual days)" : ""));
        var table = new Table().Border(TableBorder.Rounded).Title("Run phase by operation");
        foreach (var column in new[] { "operation", "count", "ops/s", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms", "errors" })
            table.AddColumn(new TableColumn(column) { Alignment = column is "operation" or "errors" ? Justify.Left : Justify.Right });
        foreach (var (operation, stats) in result.Run.Used)
            table.AddRow(Row(operation.ToString(), stats.Latency, stats.Errors, result.RunTime));
        var all = LatencyBands.Combined(result.Run);
        table.AddRow(Row("[bold]all[/]", all, result.Run.Used.SelectMany(u => u.Stats.Errors), result.RunTime));
        AnsiConsole.Write(table);

        var chart = new BarChart().Label("Latency histogram (all calls of the run phase)").Width(Math.Min(100, AnsiConsole.Profile.Width));
        foreach (var band in LatencyBands.All)
            chart.AddItem(band.Label, all.CountBetween(band.From, band.To), Color.SteelBlue);
        AnsiConsole.Write(chart);

        AnsiConsole.WriteLine(
            $"total {result.Run.Total:N0} calls, {result.OpsPerSecond:N0} ops/s; p50 {all.PercentileMs(50):0.###} ms, p99 {all.PercentileMs(99):0.###} ms, " +
            $"p99.9 {all.PercentileMs(99.9):0.###} ms; peak working set {result.PeakWorkingSetMb:N0} MB; " +
            $"load average {result.LoadAverageBefore} → {result.LoadAverageAfter} on {Environment.ProcessorCount} cores");
        if (result.Run.Total > 0)
        {
            var gc = result.GcInRun;
            AnsiConsole.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"per call: {gc.Cpu.TotalMicroseconds / result.Run.Total:0.0} µs of CPU, {(double)gc.Allocated / result.Run.Total:N0} B allocated; " +
                $"GC in the run: {gc.Gen0} gen0 / {gc.Gen1} gen1 / {gc.Gen2} gen2, paused {gc.Pause.TotalMilliseconds:N0} ms"));
        }
        AnsiConsole.WriteLine("keys by state: " + string.Join(", ", result.KeysByState.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value:N0}")));
        if (result.ListedKeys is { } listed)
            AnsiConsole.WriteLine($"ListKeys paging (Limit 1000) found {listed:N0} of {result.KeysCreated:N0} keys in {result.ListingTime!.Value.TotalSeconds:0.0} s" +
                (result.ListedKeysAfterRestart is { } again
                    ? $"; after a restart {again:N0} (first page {result.RestartFirstPageTime!.Value.TotalSeconds:0.0} s after the start, all in {result.RestartListingTime!.Value.TotalSeconds:0.0} s)"
                    : ""));
        if (result.DatabaseMb is { } database)
            AnsiConsole.WriteLine($"SQLite journal: {database:N0} MB");
    }

    private static string[] Row(string name, LatencyHistogram latency, IEnumerable<KeyValuePair<string, long>> errors, TimeSpan runTime)
    {
        var byCode = errors.GroupBy(e => e.Key).Select(g => $"{g.Key}: {g.Sum(e => e.Value):N0}").ToList();
        string Ms(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
        return
        [
            name, latency.Count.ToString("N0", CultureInfo.InvariantCulture),
            (runTime.TotalSeconds > 0 ? latency.Count / runTime.TotalSeconds : 0).ToString("N0", CultureInfo.InvariantCulture),
            Ms(latency.PercentileMs(50)), Ms(latency.PercentileMs(90)), Ms(latency.PercentileMs(99)), Ms(latency.PercentileMs(99.9)), Ms(latency.MaxMs),
            Markup.Escape(byCode.Count == 0 ? "-" : string.Join(", ", byCode)),
        ];
    }
}
