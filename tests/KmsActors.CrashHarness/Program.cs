using System.Collections;
using System.Globalization;
using Akka.Actor;
using KmsActors.CrashHarness;
using KmsActors.Kms.Configuration;
using KmsActors.Kms.Engine;
using KmsActors.Kms.Model;

// The child process of the crash-safety test (tests/KmsActors.Kms.Tests/Persistence/Sqlite/CrashSafetyTests.cs):
// opens the engine on SQLite in --data-dir, adopts the keys already there, prints READY and runs concurrent BYOK
// load until it is killed. Every call is announced (BEGIN) and acknowledged (ACK) on stdout, the ACK only after the
// engine answered success, so the test knows what a restarted engine must still hold.
//
//   dotnet KmsActors.CrashHarness.dll --data-dir DIR [--seed N] [--workers N] [--keys-per-worker N]

var options = Options.Parse(args);
var config = KmsConfiguration.Load(
    $$"""
    kms.data-dir = "{{options.DataDir.Replace("\\", "/", StringComparison.Ordinal)}}"
    kms.journal.provider = sqlite
    kms.import.pool { RSA_2048 = 2, RSA_3072 = 0, RSA_4096 = 0, SM2 = 0 }
    akka.loglevel = WARNING
    """,
    environment: new Hashtable());
var system = ActorSystem.Create("crash-harness", config);
var engine = KmsEngine.Start(system);
var log = AckLog.StandardOutput();

var owned = await Adopt(engine);
var workers = Enumerable.Range(0, options.Workers)
    .Select(w => new ByokWorker(w, engine, log, new Random(HashCode.Combine(options.Seed, w)), options.KeysPerWorker,
        owned.Where(k => (uint)StringComparer.Ordinal.GetHashCode(k.Id) % (uint)options.Workers == w).ToList(),
        aliasPrefix: $"alias/crash/{options.Seed:x}-{w}"))
    .ToList();
log.Write(new AckLine(AckLine.Ready, 0, "-", "-", [owned.Count.ToString(CultureInfo.InvariantCulture)]));
await Task.WhenAll(workers.Select(w => Task.Run(w.Run)));
return 0;

// Every key the engine lists, with the state it reports: a previous run may have been killed at any moment.
static async Task<List<OwnedKey>> Adopt(KmsEngine engine)
{
    var keys = new List<OwnedKey>();
    string? marker = null;
    do
    {
        var page = await engine.ListKeys(new ListKeysRequest { Limit = 1000, Marker = marker });
        foreach (var entry in page.Keys ?? [])
        {
            var metadata = (await engine.DescribeKey(new DescribeKeyRequest { KeyId = entry.KeyId })).KeyMetadata!;
            keys.Add(new OwnedKey(metadata.KeyId!, metadata.KeyState!.Value));
        }
        marker = page.Truncated == true ? page.NextMarker : null;
    }
    while (marker is not null);
    return keys;
}

internal sealed record Options(string DataDir, int Seed, int Workers, int KeysPerWorker)
{
    public static Options Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var dataDir = Value("--data-dir") ?? throw new ArgumentException("--data-dir DIR is required.");
        return new Options(
            Path.GetFullPath(dataDir),
            int.Parse(Value("--seed") ?? "1", CultureInfo.InvariantCulture),
            int.Parse(Value("--workers") ?? "6", CultureInfo.InvariantCulture),
            int.Parse(Value("--keys-per-worker") ?? "5", CultureInfo.InvariantCulture));
    }
}
