using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace KmsActors.Samples.LoadSimulation;

/// <summary>
/// Shows a running simulation: on a terminal, a Spectre.Console progress bar for the set-up phase and a live panel
/// (ops/s, errors, keys by state) for the run; when stdout is not a terminal (CI, a pipe) or --plain, one plain
/// line per second instead.
/// </summary>
public sealed class LiveView(SimulationProgress progress, bool plain)
{
    private long _lastTotal;
    private TimeSpan _lastElapsed;

    public bool Interactive => !plain && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    public async Task Follow(Task simulation)
    {
        if (!Interactive)
        {
            while (await Completed(simulation, TimeSpan.FromSeconds(1)) is false)
                Console.WriteLine(Line());
            return;
        }
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask("set-up: create and import keys", maxValue: 1);
                while (progress.Phase is "starting" or "set-up" && !simulation.IsCompleted)
                {
                    (task.MaxValue, task.Value) = (Math.Max(1, progress.SetupTotal), progress.SetupDone);
                    await Completed(simulation, TimeSpan.FromMilliseconds(200));
                }
                task.Value = task.MaxValue;
            });
        await AnsiConsole.Live(Panel()).StartAsync(async ctx =>
        {
            while (await Completed(simulation, TimeSpan.FromMilliseconds(500)) is false)
                ctx.UpdateTarget(Panel());
            ctx.UpdateTarget(Panel());
        });
    }

    private static async Task<bool> Completed(Task simulation, TimeSpan wait)
    {
        await Task.WhenAny(simulation, Task.Delay(wait));
        return simulation.IsCompleted;
    }

    private (double Rate, long Total) Tick()
    {
        var total = progress.Run.Total;
        var elapsed = progress.RunElapsed;
        var seconds = (elapsed - _lastElapsed).TotalSeconds;
        var rate = seconds > 0 ? (total - _lastTotal) / seconds : 0;
        (_lastTotal, _lastElapsed) = (total, elapsed);
        return (rate, total);
    }

    private string States() =>
        string.Join(", ", progress.KeysByState().OrderBy(s => s.Key).Select(s => $"{s.Key} {s.Value:N0}"));

    private string Line()
    {
        if (progress.Phase is "starting" or "set-up")
            return $"set-up: {progress.SetupDone:N0}/{progress.SetupTotal:N0} keys created or imported";
        if (progress.Phase is "wrapping keys")
            return "set-up: refilling the wrapping-key pool (RSA key generation) before the run";
        var (rate, total) = Tick();
        var virtualTime = progress.VirtualElapsed is { } v ? $", virtual {v.TotalDays:0.##} d" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{progress.Phase} {progress.RunElapsed.TotalSeconds:0}s: {total:N0} calls, {rate:N0} ops/s, {progress.Run.Errors:N0} errors{virtualTime}; keys: {States()}");
    }

    private IRenderable Panel()
    {
        var (rate, total) = Tick();
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("[bold]phase[/]", Markup.Escape(progress.Phase));
        grid.AddRow("[bold]elapsed[/]", $"{progress.RunElapsed.TotalSeconds:0.0} s" + (progress.VirtualElapsed is { } v ? $"  (virtual {v.TotalDays:0.##} days)" : ""));
        grid.AddRow("[bold]calls[/]", $"{total:N0}");
        grid.AddRow("[bold]ops/s[/]", $"[green]{rate:N0}[/]");
        grid.AddRow("[bold]errors[/]", progress.Run.Errors == 0 ? "0" : $"[yellow]{progress.Run.Errors:N0}[/]");
        grid.AddRow("[bold]keys by state[/]", Markup.Escape(States()));
        return new Panel(grid).Header("KmsActors load simulation").Border(BoxBorder.Rounded);
    }
}
