using Akka.Actor;
using Akka.TestKit;
using Amazon.KeyManagementService;
using Amazon.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace KmsActors.Server.Tests.Support;

/// <summary>A server with the real engine whose actor system runs Akka's TestScheduler: the engine clock moves only when told.</summary>
public sealed class VirtualTimeServerFixture : IAsyncLifetime
{
    public KmsTestServer Server { get; private set; } = null!;

    /// <summary>The engine's scheduler; <see cref="TestScheduler.Advance(TimeSpan)"/> moves the engine's "now".</summary>
    public TestScheduler Scheduler => (TestScheduler)Server.Services.GetRequiredService<ActorSystem>().Scheduler;

    public AmazonKeyManagementServiceClient Client(string region = "us-east-1") =>
        new(new BasicAWSCredentials("AKIDEXAMPLE", "secret"), new AmazonKeyManagementServiceConfig
        {
            ServiceURL = Server.Address.ToString(),
            AuthenticationRegion = region,
            MaxErrorRetry = 0,
        });

    public async Task InitializeAsync() =>
        Server = await KmsTestServer.StartAsync(fake: false, hocon: "akka.scheduler.implementation = \"Akka.TestKit.TestScheduler, Akka.TestKit\"");

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
