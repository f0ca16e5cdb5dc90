using System.Net;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using KmsActors.TestKit.Byok;
using KmsModel = KmsActors.Kms.Model;

namespace KmsActors.Server.Tests.Cluster;

/// <summary>
/// Cluster mode end to end (docs/cluster.md): three nodes on one PostgreSQL journal, every node serving every call. One
/// BYOK life spread over the nodes (create on A, parameters on B, import on C, encrypt on A, decrypt on B), listings
/// equal on every node, membership in GET /health, and audit records naming the node that took the call.
/// </summary>
public sealed class ClusterNodesTests(ClusterNodesFixture cluster) : IClassFixture<ClusterNodesFixture>
{
    private ClusterTestNode A => cluster.Nodes[0];
    private ClusterTestNode B => cluster.Nodes[1];
    private ClusterTestNode C => cluster.Nodes[2];

    [Fact]
    public async Task a_byok_key_created_imported_and_used_through_different_nodes_works_on_every_node()
    {
        using var a = ClusterNodesFixture.Client(A);
        using var b = ClusterNodesFixture.Client(B);
        using var c = ClusterNodesFixture.Client(C);

        var created = await a.CreateKeyAsync(new CreateKeyRequest { Origin = OriginType.EXTERNAL, Description = "cluster byok" });
        var keyId = created.KeyMetadata.KeyId;
        Assert.Equal(KeyState.PendingImport, created.KeyMetadata.KeyState);

        var parameters = await b.GetParametersForImportAsync(new GetParametersForImportRequest
        {
            KeyId = keyId,
            WrappingAlgorithm = AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256,
            WrappingKeySpec = WrappingKeySpec.RSA_2048,
        });
        var material = KeyMaterial.Create(KmsModel.KeySpec.SYMMETRIC_DEFAULT);
        var wrapped = KeyMaterialWrapper.Wrap(parameters.PublicKey.ToArray(), KmsModel.AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, material);
        await c.ImportKeyMaterialAsync(new ImportKeyMaterialRequest
        {
            KeyId = keyId,
            ImportToken = new MemoryStream(parameters.ImportToken.ToArray()),
            EncryptedKeyMaterial = new MemoryStream(wrapped),
            ExpirationModel = ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE,
        });

        var encrypted = await a.EncryptAsync(new EncryptRequest { KeyId = keyId, Plaintext = new MemoryStream("across nodes"u8.ToArray()) });
        var decrypted = await b.DecryptAsync(new DecryptRequest { CiphertextBlob = new MemoryStream(encrypted.CiphertextBlob.ToArray()) });
        Assert.Equal("across nodes"u8.ToArray(), decrypted.Plaintext.ToArray());
        Assert.Equal(created.KeyMetadata.Arn, decrypted.KeyId);

        foreach (var client in new[] { a, b, c })
        {
            var described = await client.DescribeKeyAsync(new DescribeKeyRequest { KeyId = keyId });
            Assert.Equal(KeyState.Enabled, described.KeyMetadata.KeyState);
        }
    }

    [Fact]
    public async Task keys_and_aliases_created_on_one_node_are_listed_alike_on_every_node()
    {
        using var a = ClusterNodesFixture.Client(A);
        using var c = ClusterNodesFixture.Client(C);
        var keyId = (await c.CreateKeyAsync(new CreateKeyRequest())).KeyMetadata.KeyId;
        var alias = $"alias/cluster-{Guid.NewGuid():N}";
        await a.CreateAliasAsync(new CreateAliasRequest { AliasName = alias, TargetKeyId = keyId });

        var listings = new List<(List<string> Keys, List<(string, string)> Aliases)>();
        foreach (var node in cluster.Nodes)
        {
            using var client = ClusterNodesFixture.Client(node);
            var keys = (await client.ListKeysAsync(new ListKeysRequest { Limit = 1000 })).Keys.Select(k => k.KeyId).Order().ToList();
            var aliases = (await client.ListAliasesAsync(new ListAliasesRequest { Limit = 100 })).Aliases
                .Select(entry => (entry.AliasName, entry.TargetKeyId ?? "")).Order().ToList();
            Assert.Contains(keyId, keys);
            Assert.Contains((alias, keyId), aliases);
            listings.Add((keys, aliases));
            // The alias resolves on every node too.
            var described = await client.DescribeKeyAsync(new DescribeKeyRequest { KeyId = alias });
            Assert.Equal(keyId, described.KeyMetadata.KeyId);
        }
        Assert.All(listings, listing => Assert.Equal(listings[0].Keys, listing.Keys));
        Assert.All(listings, listing => Assert.Equal(listings[0].Aliases, listing.Aliases));
    }

    [Fact]
    public async Task health_reports_every_member_up_on_every_node()
    {
        var addresses = cluster.Nodes.Select(node => node.ClusterAddress).Order().ToList();
        foreach (var node in cluster.Nodes)
        {
            var (status, body) = await node.Health();
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("ok", body.GetProperty("status").GetString());
            var reported = body.GetProperty("cluster");
            Assert.Equal(node.ClusterAddress, reported.GetProperty("node").GetString());
            var members = reported.GetProperty("members").EnumerateArray().ToList();
            Assert.Equal(addresses, members.Select(m => m.GetProperty("address").GetString()!).Order().ToList());
            Assert.All(members, m => Assert.Equal("Up", m.GetProperty("status").GetString()));
        }
    }

    [Fact]
    public async Task an_audit_record_names_the_node_the_call_entered()
    {
        using var b = ClusterNodesFixture.Client(B);
        var created = await b.CreateKeyAsync(new CreateKeyRequest { Description = "audited" });
        var encrypted = await b.EncryptAsync(new EncryptRequest { KeyId = created.KeyMetadata.KeyId, Plaintext = new MemoryStream([1, 2, 3]) });
        var requestId = encrypted.ResponseMetadata.RequestId;

        // The record is published where the key entity runs, which may be any node.
        Kms.Audit.AuditRecord? record = null;
        foreach (var node in cluster.Nodes)
        {
            await node.Audit.FlushAsync();
            record ??= node.Audit.Named("Encrypt").FirstOrDefault(r => r.RequestID == requestId);
        }
        Assert.NotNull(record);
        Assert.Equal(B.ClusterAddress, record.AdditionalEventData!["kmsActorsNode"]);
        Assert.NotNull(record.AdditionalEventData["keyMaterialId"]);
    }
}
