using System.Net;
using System.Text.Json;
using Akka.Actor;
using KmsActors.Kms.Cluster;
using KmsActors.TestKit;

namespace KmsActors.Server.Tests.Cluster;

/// <summary>One node of <see cref="ClusterNodesFixture"/>: its HTTP address, actor system and the audit records it published.</summary>
public sealed class ClusterTestNode(char name, Uri address, ActorSystem system, AuditRecorder audit)
{
    public char Name { get; } = name;

    public Uri Address { get; } = address;

    public ActorSystem System { get; } = system;

    public AuditRecorder Audit { get; } = audit;

    public HttpClient Http { get; } = new() { BaseAddress = address };

    /// <summary>"akka.tcp://kms@127.0.0.1:&lt;port&gt;".</summary>
    public string ClusterAddress => KmsClusterNode.Of(System)!.Address;

    /// <summary>GET /health, parsed.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> Health()
    {
        using var response = await Http.GetAsync("/health");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        return (response.StatusCode, body);
    }

    /// <summary>Polls GET /health until 200: joining a cluster takes real time (gossip rounds), no engine clock applies.</summary>
    public async Task WaitUntilReady(TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        (HttpStatusCode Status, JsonElement Body) last = default;
        while (DateTime.UtcNow < deadline)
        {
            last = await Health();
            if (last.Status == HttpStatusCode.OK)
                return;
            await Task.Delay(200);
        }
        throw new TimeoutException($"Node {Name} not ready within {within}: {last.Status} {last.Body}");
    }
}
