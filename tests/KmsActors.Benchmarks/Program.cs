using BenchmarkDotNet.Running;
using KmsActors.Benchmarks.Http;
using KmsActors.Benchmarks.Kms;
using KmsActors.Benchmarks.Persistence;
using KmsActors.Benchmarks.Quick;
using KmsActors.Benchmarks.Startup;

// Quick mode: dotnet run -c Release --project tests/KmsActors.Benchmarks -- <area> --quick
//   prints one JSON object per line: {"name": "...", "value": N, "unit": "..."}
// Full mode: dotnet run -c Release --project tests/KmsActors.Benchmarks -- --filter '*'   (BenchmarkDotNet)
IQuickArea[] areas = [new PersistenceArea(), new KmsArea(), new HttpArea(), new StartupArea()];

if (args.Contains("--quick"))
{
    var wanted = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
    var selected = areas.Where(a => wanted.Count == 0 || wanted.Contains(a.Name)).ToList();
    if (selected.Count == 0)
    {
        System.Console.Error.WriteLine($"Unknown area '{string.Join(' ', wanted)}'. Areas: {string.Join(", ", areas.Select(a => a.Name))}.");
        return 2;
    }
    foreach (var area in selected)
        await foreach (var measurement in area.RunAsync(CancellationToken.None))
            System.Console.WriteLine(measurement.ToJson());
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(KmsArea).Assembly).Run(args);
return 0;
