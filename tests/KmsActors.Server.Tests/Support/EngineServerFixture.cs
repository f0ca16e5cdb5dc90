using Amazon.KeyManagementService;
using Amazon.Runtime;

namespace KmsActors.Server.Tests.Support;

/// <summary>One server with the real engine (in-memory journal) shared by a test class.</summary>
public class EngineServerFixture : IAsyncLifetime
{
    public KmsTestServer Server { get; private set; } = null!;

    /// <summary>The host's .conf text over the server's defaults; none here.</summary>
    protected virtual string? Hocon => null;

    /// <summary>The AWS SDK for .NET pointed at the server, signing for <paramref name="region"/>.</summary>
    public AmazonKeyManagementServiceClient Client(string region = "us-east-1") =>
        new(new BasicAWSCredentials("AKIDEXAMPLE", "secret"), new AmazonKeyManagementServiceConfig
        {
            ServiceURL = Server.Address.ToString(),
            AuthenticationRegion = region,
            MaxErrorRetry = 0,
        });

    public async Task InitializeAsync() => Server = await KmsTestServer.StartAsync(fake: false, hocon: Hocon);

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
