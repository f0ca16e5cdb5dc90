using System.Diagnostics;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Amazon.Runtime;
using KmsActors.TestKit.Byok;
using Xunit.Abstractions;
using KmsModel = KmsActors.Kms.Model;

namespace KmsActors.Server.Tests.Cluster.Faults;

/// <summary>
/// Cluster mode under faults (issue #17, docs/cluster.md): three server processes on loopback over one PostgreSQL journal,
/// concurrent BYOK traffic through all of them (AWS SDK, one client per node), then a node SIGKILLed, a node leaving on
/// SIGTERM, and a killed node restarted on its ports. Real processes and real time: membership, failure detection and
/// the split-brain resolver run on wall clocks in three processes, so no virtual time applies here.
/// </summary>
public sealed class ClusterFaultTests(ClusterProcessesFixture cluster, ITestOutputHelper output) : IClassFixture<ClusterProcessesFixture>
{
    private ClusterNodeProcess A => cluster.Nodes[0];
    private ClusterNodeProcess B => cluster.Nodes[1];
    private ClusterNodeProcess C => cluster.Nodes[2];

    /// <summary>Longer than the engine's own timeout (KmsEngine.DefaultTimeout, 30 s): the caller sees the engine's answer.</summary>
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(40);

    /// <summary>The calls caught by the kill are answered within this (the old behaviour: the engine's 30 s timeout).</summary>
    private static readonly TimeSpan CaughtCallBound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task every_acknowledged_call_survives_a_sigkilled_node_and_its_keys_serve_from_the_survivors()
    {
        await cluster.EnsureAllServing();
        // C is the victim (A is the seed: a restarted seed alone would start a cluster of its own). The traffic runs in a
        // region whose region entity lives on C, so every call of the survivors' workers passes through C, and a key of
        // the traffic lives on C too: the kill certainly catches calls on both hops.
        var region = await RegionLivingOn(C);
        var pinned = await KeyLivingOn(C, region);
        // Keys whose material expires while C is dead: prepared now, imported just before the kill with ValidTo after the
        // survivors have downed C.
        var prepared = await PrepareExpiringKeys(count: 6, region);

        var traffic = new ByokTraffic(cluster.Nodes, CallTimeout, region);
        traffic.Adopt('A', pinned);
        using var stop = new CancellationTokenSource();
        var running = traffic.Run(stop.Token);
        // Enough acknowledged before the kill, whatever the machine's load: keys with material and ciphertexts on every node.
        await WaitFor(() => traffic.Acknowledged >= 60 && traffic.Keys.Sum(k => k.Ciphertexts.Count) >= 10, TimeSpan.FromSeconds(40));
        var acknowledgedBeforeKill = traffic.Acknowledged;
        var expiring = await ImportExpiring(prepared, validFor: TimeSpan.FromSeconds(15), region);
        var (keysOnC, regionsOnC) = await C.Entities();
        Assert.Contains(RegionEntityOf(region), regionsOnC);
        Assert.Contains(keysOnC, id => id.EndsWith(":" + pinned.KeyId, StringComparison.Ordinal));
        var keysAtKill = traffic.Keys.Select(k => k.KeyId).Concat(expiring.Select(e => e.KeyId)).ToList();

        var clock = Stopwatch.StartNew();
        var killedAt = DateTime.UtcNow;
        await C.Kill();
        var recovering = FirstSuccessPerKey(A, region, keysAtKill, clock);
        await ClusterProcessesFixture.WaitUntilRemoved(A, C, TimeSpan.FromSeconds(30));
        await ClusterProcessesFixture.WaitUntilRemoved(B, C, TimeSpan.FromSeconds(10));
        var removedAfter = clock.Elapsed;
        var removedAt = DateTime.UtcNow;
        await B.WaitUntilServing(2, TimeSpan.FromSeconds(10));
        var acknowledgedAtRemoval = traffic.Acknowledged;
        await WaitFor(() => traffic.Acknowledged >= acknowledgedAtRemoval + 30, TimeSpan.FromSeconds(45));
        var recovery = await recovering;
        stop.Cancel();
        await running;

        using var a = ClusterProcessesFixture.Client(A, region: region);
        using var b = ClusterProcessesFixture.Client(B, region: region);
        var decrypted = await traffic.Verify([a, b]);
        var failures = traffic.Failures;
        // The calls through the survivors that the kill caught: in flight at the kill or started before the removal.
        var caught = traffic.Calls.Where(call => call.Node != 'C' && call.Started < removedAt && call.Started + call.Took >= killedAt).ToList();
        var caughtFailed = caught.Where(call => call.ErrorCode is not null).ToList();
        output.WriteLine($"region {region} (its region entity and key {pinned.KeyId} on C); acknowledged {traffic.Acknowledged} calls " +
            $"({acknowledgedBeforeKill} before the kill; per node {string.Join(", ", traffic.PerNode.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}"))}), " +
            $"{traffic.Keys.Count} keys, {decrypted} ciphertexts decrypted on the survivors; C removed {removedAfter.TotalSeconds:F1} s after SIGKILL; " +
            $"{caught.Count} calls through A and B caught by the kill, {caughtFailed.Count} failed, the slowest answered in " +
            $"{caught.Select(call => call.Took).DefaultIfEmpty().Max().TotalSeconds:F2} s; recovery (first success for each of " +
            $"{keysAtKill.Count} keys through A) {recovery.TotalSeconds:F1} s after the kill; {failures.Count} failed calls: " +
            $"{string.Join("; ", failures.GroupBy(f => (f.Node, f.Error.Split(':')[0])).Select(g => $"{g.Key.Node} {g.Key.Item2} x{g.Count()}"))}");
        output.WriteLine($"kill at {killedAt:HH:mm:ss.fff}, removal seen by A and B at {removedAt:HH:mm:ss.fff}");
        foreach (var slow in traffic.Calls.Where(call => call.Took > TimeSpan.FromSeconds(5)))
            output.WriteLine($"  slow: {slow.Node} {slow.Operation} started {(slow.Started - killedAt).TotalSeconds:F2} s after the kill, took {slow.Took.TotalSeconds:F1} s: {slow.ErrorCode} {slow.Error}");
        foreach (var failure in caughtFailed.Take(5))
            output.WriteLine($"  {failure.Node} {failure.Operation} after {failure.Took.TotalSeconds:F2} s: {failure.ErrorCode} {failure.Error}");

        Assert.True(acknowledgedBeforeKill > 0 && traffic.Acknowledged > acknowledgedBeforeKill, "Traffic ran before and after the kill.");
        Assert.True(decrypted > 0, "Some acknowledged ciphertexts were decrypted on the survivors.");
        // Every call the kill caught through a survivor was answered well before the engine's 30 s timeout: acknowledged, or
        // refused with the retryable KMSInternalException of a lost node (docs/cluster.md "When a node dies").
        Assert.NotEmpty(caughtFailed);
        Assert.All(caught, call => Assert.True(call.Took < CaughtCallBound && call.Took < removedAfter + TimeSpan.FromSeconds(5),
            $"{call.Node} {call.Operation} took {call.Took.TotalSeconds:F1} s ({call.ErrorCode} {call.Error})"));
        Assert.All(caughtFailed, call =>
        {
            Assert.Equal("KMSInternalException", call.ErrorCode);
            Assert.Contains("retry the request", call.Error, StringComparison.Ordinal);
        });
        // Once C is downed and removed, its shards live on A and B: every call started through them from then on succeeds,
        // and every key answers again soon after the removal.
        Assert.DoesNotContain(failures, f => f.Node != 'C' && f.Started > removedAt);
        // (The region entity and C's keys restart on the survivors from the journal: seconds on a loaded machine.)
        Assert.True(recovery < removedAfter + TimeSpan.FromSeconds(15) && recovery < TimeSpan.FromSeconds(30),
            $"Every key answered again {recovery.TotalSeconds:F1} s after the kill (C removed after {removedAfter.TotalSeconds:F1} s).");

        // ValidTo falls while C is down: each key, wherever it ran before, has expired on the survivors.
        var untilExpired = expiring.Max(e => e.ValidTo) + TimeSpan.FromSeconds(1) - DateTime.UtcNow;
        Assert.True(expiring.Max(e => e.ValidTo) > removedAt, "ValidTo fell after C was removed, while it was down.");
        if (untilExpired > TimeSpan.Zero)
            await Task.Delay(untilExpired);
        foreach (var (keyId, _) in expiring)
        {
            var described = (await a.DescribeKeyAsync(new DescribeKeyRequest { KeyId = keyId })).KeyMetadata;
            Assert.Equal(KeyState.PendingImport, described.KeyState);
            var refused = await Assert.ThrowsAsync<KMSInvalidStateException>(() =>
                b.EncryptAsync(new EncryptRequest { KeyId = keyId, Plaintext = new MemoryStream("late"u8.ToArray()) }));
            Assert.Contains("pending import", refused.Message, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task a_node_that_leaves_on_sigterm_hands_its_keys_over_without_a_failed_call()
    {
        await cluster.EnsureAllServing();
        var traffic = new ByokTraffic([A, C], CallTimeout);
        using var stop = new CancellationTokenSource();
        var running = traffic.Run(stop.Token);
        await WaitFor(() => traffic.Acknowledged >= 60, TimeSpan.FromSeconds(30));
        var acknowledgedBeforeLeave = traffic.Acknowledged;
        var statuses = new HashSet<string>();
        var clock = Stopwatch.StartNew();
        B.Terminate();
        await ClusterProcessesFixture.WaitUntilRemoved(A, B, TimeSpan.FromSeconds(30), status => statuses.Add(status));
        var removedAfter = clock.Elapsed;
        Assert.True(await B.WaitForExit(TimeSpan.FromSeconds(30)), $"B did not exit after SIGTERM.\n{B.Output()}");
        var acknowledgedAtRemoval = traffic.Acknowledged;
        await WaitFor(() => traffic.Acknowledged >= acknowledgedAtRemoval + 30, TimeSpan.FromSeconds(20));
        stop.Cancel();
        await running;

        using var a = ClusterProcessesFixture.Client(A);
        using var c = ClusterProcessesFixture.Client(C);
        var decrypted = await traffic.Verify([a, c]);
        output.WriteLine($"acknowledged {traffic.Acknowledged} calls ({acknowledgedBeforeLeave} before SIGTERM), {traffic.Keys.Count} keys, " +
            $"{decrypted} ciphertexts decrypted; B left in {removedAfter.TotalSeconds:F1} s (seen as {string.Join(", ", statuses)}), exit code {B.ExitCode}");
        foreach (var failure in traffic.Failures.Take(5))
            output.WriteLine($"  {failure.Node} {failure.Operation}: {failure.Error}");

        Assert.True(traffic.Acknowledged > acknowledgedBeforeLeave, "Traffic ran during the leave.");
        Assert.Empty(traffic.Failures);
        // It left, rather than being downed by the resolver as a dead node would be: a downed node is first seen unreachable
        // for the resolver's stable-after (3 s) by the 100 ms poll. (Leaving and Exiting may pass between two polls.)
        Assert.NotEmpty(statuses);
        Assert.DoesNotContain(statuses, s => s.EndsWith("(unreachable)", StringComparison.Ordinal));
        Assert.Equal(0, B.ExitCode);
    }

    [Fact]
    public async Task a_killed_node_restarted_on_its_ports_rejoins_and_serves_again()
    {
        await cluster.EnsureAllServing();
        using var a = ClusterProcessesFixture.Client(A);
        var before = (await a.CreateKeyAsync(new CreateKeyRequest { Description = "before the kill" })).KeyMetadata.KeyId;
        var sealedBefore = (await a.EncryptAsync(new EncryptRequest { KeyId = before, Plaintext = new MemoryStream("before"u8.ToArray()) })).CiphertextBlob.ToArray();

        await C.Kill();
        await ClusterProcessesFixture.WaitUntilRemoved(A, C, TimeSpan.FromSeconds(30));
        var rejoin = await ByokTraffic.Timed(async () =>
        {
            C.Start();
            await C.WaitUntilServing(3, TimeSpan.FromSeconds(60));
        });
        await A.WaitUntilServing(3, TimeSpan.FromSeconds(10));
        output.WriteLine($"C restarted and serving with three members in {rejoin.TotalSeconds:F1} s");

        using var c = ClusterProcessesFixture.Client(C);
        Assert.Equal(before, (await c.DescribeKeyAsync(new DescribeKeyRequest { KeyId = before })).KeyMetadata.KeyId);
        Assert.Equal("before"u8.ToArray(), (await c.DecryptAsync(new DecryptRequest { CiphertextBlob = new MemoryStream(sealedBefore) })).Plaintext.ToArray());
        var after = (await c.CreateKeyAsync(new CreateKeyRequest { Description = "after the rejoin" })).KeyMetadata.KeyId;
        var sealedAfter = (await c.EncryptAsync(new EncryptRequest { KeyId = after, Plaintext = new MemoryStream("after"u8.ToArray()) })).CiphertextBlob.ToArray();
        Assert.Equal("after"u8.ToArray(), (await a.DecryptAsync(new DecryptRequest { CiphertextBlob = new MemoryStream(sealedAfter) })).Plaintext.ToArray());
        var listed = (await c.ListKeysAsync(new ListKeysRequest { Limit = 1000 })).Keys.Select(k => k.KeyId).ToList();
        Assert.Contains(before, listed);
        Assert.Contains(after, listed);
    }

    /// <summary>The AWS Regions the kill test may run its traffic in (any name KMS accepts; each is a region entity of its own).</summary>
    private static readonly string[] CandidateRegions =
    [
        "eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1", "eu-north-1", "ap-south-1", "ap-northeast-1", "ap-northeast-2",
        "ap-southeast-1", "ap-southeast-2", "sa-east-1", "ca-central-1", "us-west-1", "us-west-2", "us-east-2", "af-south-1",
    ];

    private const string Account = "111122223333";

    private static string RegionEntityOf(string region) => $"{Account}:{region}";

    /// <summary>A region whose region entity runs on <paramref name="node"/>: each candidate's entity is started by a ListKeys
    /// through A, and GET /cluster/shards on the node tells where the coordinator put it.</summary>
    private async Task<string> RegionLivingOn(ClusterNodeProcess node)
    {
        foreach (var region in CandidateRegions)
        {
            using (var client = ClusterProcessesFixture.Client(A, region: region))
                await SetUp(() => client.ListKeysAsync(new ListKeysRequest()));
            if ((await node.Entities()).Regions.Contains(RegionEntityOf(region)))
                return region;
        }
        throw new InvalidOperationException($"None of {CandidateRegions.Length} regions' entities was placed on {node.Name}.");
    }

    /// <summary>An imported EXTERNAL key of <paramref name="region"/> whose key entity runs on <paramref name="node"/>: keys are
    /// created until one's shard lives there (about one in three).</summary>
    private async Task<ByokTraffic.OwnedKey> KeyLivingOn(ClusterNodeProcess node, string region)
    {
        using var client = ClusterProcessesFixture.Client(A, region: region);
        for (var attempt = 0; attempt < 30; attempt++)
        {
            var keyId = (await SetUp(() => client.CreateKeyAsync(new CreateKeyRequest { Origin = OriginType.EXTERNAL, Description = "pinned to the victim" }))).KeyMetadata.KeyId;
            if (!(await node.Entities()).Keys.Contains($"{Account}:{region}:{keyId}"))
                continue;
            var parameters = await SetUp(() => client.GetParametersForImportAsync(new GetParametersForImportRequest
            {
                KeyId = keyId, WrappingAlgorithm = AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, WrappingKeySpec = WrappingKeySpec.RSA_2048,
            }));
            var wrapped = KeyMaterialWrapper.Wrap(parameters.PublicKey.ToArray(), KmsModel.AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, KeyMaterial.Create(KmsModel.KeySpec.SYMMETRIC_DEFAULT));
            await SetUp(() => client.ImportKeyMaterialAsync(new ImportKeyMaterialRequest
            {
                KeyId = keyId, ImportToken = new MemoryStream(parameters.ImportToken.ToArray()), EncryptedKeyMaterial = new MemoryStream(wrapped),
                ExpirationModel = ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE,
            }));
            return new ByokTraffic.OwnedKey(keyId) { Imported = true };
        }
        throw new InvalidOperationException($"30 keys created, none placed on {node.Name}.");
    }

    /// <summary>Describes every key of <paramref name="keyIds"/> through <paramref name="node"/> over and over (a failed call is
    /// retried after 100 ms) until each has answered once; returns the time from the kill to the last key's first success.</summary>
    private static async Task<TimeSpan> FirstSuccessPerKey(ClusterNodeProcess node, string region, IReadOnlyList<string> keyIds, Stopwatch sinceKill)
    {
        using var client = ClusterProcessesFixture.Client(node, CallTimeout, region);
        var waiting = new HashSet<string>(keyIds);
        var last = TimeSpan.Zero;
        while (waiting.Count > 0)
        {
            foreach (var keyId in waiting.ToList())
            {
                try
                {
                    await client.DescribeKeyAsync(new DescribeKeyRequest { KeyId = keyId });
                    waiting.Remove(keyId);
                    last = sinceKill.Elapsed;
                }
                catch (AmazonServiceException)
                {
                    await Task.Delay(100);
                }
            }
        }
        return last;
    }

    /// <summary>A set-up call, retried (up to 5 times, 1 s apart) when it fails with the retryable KMSInternalException, as
    /// an SDK with retries would: on a heavily loaded machine the failure detector (2 s acceptable pause here) may flag a
    /// live node unreachable for a moment, and calls that may be on it then fail at once (docs/cluster.md).</summary>
    private static async Task<T> SetUp<T>(Func<Task<T>> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (KMSInternalException) when (attempt < 5)
            {
                await Task.Delay(1000);
            }
        }
    }

    private static async Task WaitFor(Func<bool> condition, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!condition() && DateTime.UtcNow < deadline)
            await Task.Delay(100);
    }

    /// <summary>EXTERNAL keys created through the nodes in turn, with an import token and wrapped material each.</summary>
    private async Task<List<(string KeyId, byte[] Token, byte[] Wrapped, ClusterNodeProcess Node)>> PrepareExpiringKeys(int count, string region)
    {
        var prepared = new List<(string KeyId, byte[] Token, byte[] Wrapped, ClusterNodeProcess Node)>();
        for (var i = 0; i < count; i++)
        {
            var node = cluster.Nodes[i % cluster.Nodes.Count];
            using var client = ClusterProcessesFixture.Client(node, region: region);
            var keyId = (await SetUp(() => client.CreateKeyAsync(new CreateKeyRequest { Origin = OriginType.EXTERNAL, Description = "expires while a node is down" }))).KeyMetadata.KeyId;
            var parameters = await SetUp(() => client.GetParametersForImportAsync(new GetParametersForImportRequest
            {
                KeyId = keyId, WrappingAlgorithm = AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, WrappingKeySpec = WrappingKeySpec.RSA_2048,
            }));
            var wrapped = KeyMaterialWrapper.Wrap(parameters.PublicKey.ToArray(), KmsModel.AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, KeyMaterial.Create(KmsModel.KeySpec.SYMMETRIC_DEFAULT));
            prepared.Add((keyId, parameters.ImportToken.ToArray(), wrapped, node));
        }
        return prepared;
    }

    /// <summary>Imports the prepared material, each through the node that prepared it, with KEY_MATERIAL_EXPIRES at now + <paramref name="validFor"/>.</summary>
    private static async Task<List<(string KeyId, DateTime ValidTo)>> ImportExpiring(
        List<(string KeyId, byte[] Token, byte[] Wrapped, ClusterNodeProcess Node)> prepared, TimeSpan validFor, string region)
    {
        var validTo = DateTime.UtcNow + validFor;
        var keys = new List<(string, DateTime)>();
        foreach (var (keyId, token, wrapped, node) in prepared)
        {
            using var client = ClusterProcessesFixture.Client(node, region: region);
            await SetUp(() => client.ImportKeyMaterialAsync(new ImportKeyMaterialRequest
            {
                KeyId = keyId, ImportToken = new MemoryStream(token), EncryptedKeyMaterial = new MemoryStream(wrapped),
                ExpirationModel = ExpirationModelType.KEY_MATERIAL_EXPIRES, ValidTo = validTo,
            }));
            keys.Add((keyId, validTo));
        }
        return keys;
    }
}
