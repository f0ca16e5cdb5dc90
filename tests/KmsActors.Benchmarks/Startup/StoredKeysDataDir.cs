using System.Collections;
using System.Diagnostics;
using Akka.Actor;
using KmsActors.Kms.Configuration;
using KmsActors.Kms.Engine;
using KmsActors.Kms.Model;

namespace KmsActors.Benchmarks.Startup;

/// <summary>A server data dir (SQLite journal, material vault, master key) holding many keys: written once by the
/// engine in-process, on the server's defaults but the data dir, and copied for each start so every start sees the same.</summary>
public static class StoredKeysDataDir
{
    public static async Task<TimeSpan> Create(string dataDir, int keys)
    {
        var clock = Stopwatch.StartNew();
        var hocon = $"kms.data-dir = \"{dataDir.Replace("\\", "\\\\")}\"\n"
                    + "kms.import.pool { RSA_2048 = 0, RSA_3072 = 0, RSA_4096 = 0, SM2 = 0 }\nakka.loglevel = WARNING";
        var system = ActorSystem.Create("kms-startup-bench", KmsConfiguration.Load(hocon, environment: new Hashtable()));
        try
        {
            var engine = KmsEngine.Start(system);
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, 64).Select(async _ =>
            {
                while (Interlocked.Increment(ref next) < keys)
                    await engine.CreateKey(new CreateKeyRequest());
            }));
        }
        finally
        {
            await system.Terminate();
        }
        return clock.Elapsed;
    }

    public static string CopyOf(string dataDir, string copy)
    {
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.EnumerateFiles(dataDir, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(dataDir, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return copy;
    }
}
