using System.Diagnostics;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
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

    [Fact]
    public async Task every_acknowledged_call_survives_a_sigkilled_node_and_its_keys_serve_from_the_survivors()
    {
        await cluster.EnsureAllServing();
        // Keys whose material expires while C is dead: prepared now, imported just before the kill with ValidTo after the
        // survivors have downed C.
        var prepared = await PrepareExpiringKeys(count: 6);

        var traffic = new ByokTraffic(cluster.Nodes, CallTimeout);
        using var stop = new CancellationTokenSource();
        var running = traffic.Run(stop.Token);
        // Enough acknowledged before the kill, whatever the machine's load: keys with material and ciphertexts on every node.
        await WaitFor(() => traffic.Acknowledged >= 60 && traffic.Keys.Sum(k => k.Ciphertexts.Count) >= 10, TimeSpan.FromSeconds(40));
        var acknowledgedBeforeKill = traffic.Acknowledged;
        var expiring = await ImportExpiring(prepared, validFor: TimeSpan.FromSeconds(15));
        var clock = Stopwatch.StartNew();
        await C.Kill();
        await ClusterProcessesFixture.WaitUntilRemoved(A, C, TimeSpan.FromSeconds(30));
        var removedAfter = clock.Elapsed;
        var removedAt = DateTime.UtcNow;
        await B.WaitUntilServing(2, TimeSpan.FromSeconds(10));
        // Traffic through the survivors after the removal (a worker whose call was lost with C first waits out the engine's
        // 30 s timeout: KmsEngine.DefaultTimeout).
        var acknowledgedAtRemoval = traffic.Acknowledged;
        await WaitFor(() => traffic.Acknowledged >= acknowledgedAtRemoval + 30, TimeSpan.FromSeconds(45));
        stop.Cancel();
        await running;

        using var a = ClusterProcessesFixture.Client(A);
        using var b = ClusterProcessesFixture.Client(B);
        var decrypted = await traffic.Verify([a, b]);
        var failures = traffic.Failures;
        output.WriteLine($"acknowledged {traffic.Acknowledged} calls ({acknowledgedBeforeKill} before the kill; per node " +
            $"{string.Join(", ", traffic.PerNode.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}"))}), {traffic.Keys.Count} keys, " +
            $"{decrypted} ciphertexts decrypted on the survivors; C removed {removedAfter.TotalSeconds:F1} s after SIGKILL; " +
            $"{failures.Count} failed calls: {string.Join("; ", failures.GroupBy(f => (f.Node, f.Error.Split(':')[0])).Select(g => $"{g.Key.Node} {g.Key.Item2} x{g.Count()}"))}");
        foreach (var failure in failures.Where(f => f.Node != 'C').Take(5))
            output.WriteLine($"  {failure.Node} {failure.Operation}: {failure.Error}");

        Assert.True(acknowledgedBeforeKill > 0 && traffic.Acknowledged > acknowledgedBeforeKill, "Traffic ran before and after the kill.");
        Assert.True(decrypted > 0, "Some acknowledged ciphertexts were decrypted on the survivors.");
        // Once C is downed and removed, its shards live on A and B: every call started through them from then on succeeds.
        Assert.DoesNotContain(failures, f => f.Node != 'C' && f.Started > removedAt);

        // ValidTo falls while C is down: each key, wherever it ran before, has expired on the survivors.
        // (A call lost with C waits out the engine's 30 s timeout above, so ValidTo has usually passed already.)
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
        // It left (Leaving/Exiting), rather than being downed by the resolver as a dead node would be.
        Assert.Contains(statuses, s => s.StartsWith("Leaving", StringComparison.Ordinal) || s.StartsWith("Exiting", StringComparison.Ordinal));
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

    private static async Task WaitFor(Func<bool> condition, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!condition() && DateTime.UtcNow < deadline)
            await Task.Delay(100);
    }

    /// <summary>EXTERNAL keys created through the nodes in turn, with an import token and wrapped material each.</summary>
    private async Task<List<(string KeyId, byte[] Token, byte[] Wrapped, ClusterNodeProcess Node)>> PrepareExpiringKeys(int count)
    {
        var prepared = new List<(string KeyId, byte[] Token, byte[] Wrapped, ClusterNodeProcess Node)>();
        for (var i = 0; i < count; i++)
        {
            var node = cluster.Nodes[i % cluster.Nodes.Count];
            using var client = ClusterProcessesFixture.Client(node);
            var keyId = (await client.CreateKeyAsync(new CreateKeyRequest { Origin = OriginType.EXTERNAL, Description = "expires while a node is down" })).KeyMetadata.KeyId;
            var parameters = await client.GetParametersForImportAsync(new GetParametersForImportRequest
            {
                KeyId = keyId, WrappingAlgorithm = AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, WrappingKeySpec = WrappingKeySpec.RSA_2048,
            });
            var wrapped = KeyMaterialWrapper.Wrap(parameters.PublicKey.ToArray(), KmsModel.AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, KeyMaterial.Create(KmsModel.KeySpec.SYMMETRIC_DEFAULT));
            prepared.Add((keyId, parameters.ImportToken.ToArray(), wrapped, node));
        }
        return prepared;
    }

    /// <summary>Imports the prepared material, each through the node that prepared it, with KEY_MATERIAL_EXPIRES at now + <paramref name="validFor"/>.</summary>
    private static async Task<List<(string KeyId, DateTime ValidTo)>> ImportExpiring(
        List<(string KeyId, byte[] Token, byte[] Wrapped, ClusterNodeProcess Node)> prepared, TimeSpan validFor)
    {
        var validTo = DateTime.UtcNow + validFor;
        var keys = new List<(string, DateTime)>();
        foreach (var (keyId, token, wrapped, node) in prepared)
        {
            using var client = ClusterProcessesFixture.Client(node);
            await client.ImportKeyMaterialAsync(new ImportKeyMaterialRequest
            {
                KeyId = keyId, ImportToken = new MemoryStream(token), EncryptedKeyMaterial = new MemoryStream(wrapped),
                ExpirationModel = ExpirationModelType.KEY_MATERIAL_EXPIRES, ValidTo = validTo,
            });
            keys.Add((keyId, validTo));
        }
        return keys;
    }
}
