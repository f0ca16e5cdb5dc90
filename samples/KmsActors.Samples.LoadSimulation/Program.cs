using KmsActors.Samples.LoadSimulation;
using Spectre.Console;

// KmsActors load simulation: keys, clients and a mix of KMS calls against the in-process engine, with live
// progress and a latency summary. Run: dotnet run -c Release --project samples/KmsActors.Samples.LoadSimulation -- --help
// Over HTTP against running servers or N node processes it starts (cluster mode): HttpLoad.
if (HttpLoad.Applies(args))
    return await HttpLoad.Run(args);
var options = ScenarioLoader.Parse(args);
if (options.Help)
{
    Console.WriteLine(ScenarioLoader.Usage);
    return 0;
}
if (options.Plain || Console.IsOutputRedirected)
{
    // Not a terminal (CI, a pipe, a file): no colours or cursor moves, and room for the table.
    AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings
    {
        Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No,
        Out = new AnsiConsoleOutput(Console.Out),
    });
    AnsiConsole.Profile.Width = 160;
}
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };

var simulation = new Simulation(options.Scenario);
var running = simulation.RunAsync(cancel.Token);
await new LiveView(simulation.Progress, options.Plain).Follow(running);
var result = await running;

SummaryView.Write(result);
if (options.JsonPath is { } json)
{
    await File.WriteAllTextAsync(json, JsonReport.Render(result));
    Console.WriteLine($"summary written to {json}");
}
if (options.AuditPath is { } audit)
{
    await File.WriteAllLinesAsync(audit, result.AuditTrace);
    Console.WriteLine($"{result.AuditTrace.Count:N0} audit records written to {audit}");
}
return 0;
