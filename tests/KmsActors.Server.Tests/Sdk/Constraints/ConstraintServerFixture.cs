using System.Collections.Concurrent;
using Amazon.KeyManagementService;
using Amazon.Runtime;
using KmsActors.Server.Tests.Support;

namespace KmsActors.Server.Tests.Sdk.Constraints;

/// <summary>One server with the real engine for every constraint case, checking every request's SigV4 signature (so
/// the raw requests' signing is checked too), with one SDK client per region the cases sign for.</summary>
public sealed class ConstraintServerFixture : IAsyncLifetime
{
    private const string AccessKey = "AKIDCONSTRAINTS";
    private const string SecretKey = "constraints-secret";

    private const string Hocon = $$"""
        kms.server.verify-signatures = on
        kms.server.credentials {
          {{AccessKey}} { account-id = "111122223333", principal = "arn:aws:iam::111122223333:root", secret-key = "{{SecretKey}}" }
        }
        """;

    private readonly ConcurrentDictionary<string, AmazonKeyManagementServiceClient> _clients = new();

    public KmsTestServer Server { get; private set; } = null!;

    public RawKmsRequests Raw { get; private set; } = null!;

    /// <summary>The AWS SDK for .NET pointed at the server, signing for <paramref name="region"/>.</summary>
    public AmazonKeyManagementServiceClient Client(string region) =>
        _clients.GetOrAdd(region, r => new AmazonKeyManagementServiceClient(new BasicAWSCredentials(AccessKey, SecretKey), new AmazonKeyManagementServiceConfig
        {
            ServiceURL = Server.Address.ToString(),
            AuthenticationRegion = r,
            MaxErrorRetry = 0,
        }));

    /// <summary>The probe's request with <see cref="ConstraintValues.FreshKeyId"/> replaced by a new symmetric key's ID
    /// (made in the probe's region), so the request goes through to a key of its own.</summary>
    public async Task<Dictionary<string, object?>> WithFreshKey(ConstraintProbe probe)
    {
        if (!probe.Request.Values.Contains(ConstraintValues.FreshKeyId))
            return probe.Request;
        var keyId = (await Client(probe.Region).CreateKeyAsync(new Amazon.KeyManagementService.Model.CreateKeyRequest())).KeyMetadata.KeyId;
        return probe.Request.ToDictionary(member => member.Key, member => member.Value as string == ConstraintValues.FreshKeyId ? keyId : member.Value);
    }

    public async Task InitializeAsync()
    {
        Server = await KmsTestServer.StartAsync(fake: false, hocon: Hocon);
        Raw = new RawKmsRequests(Server.Http, AccessKey, SecretKey);
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients.Values)
            client.Dispose();
        await Server.DisposeAsync();
    }
}
