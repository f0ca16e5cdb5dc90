using Akka.Actor;
using Akka.Configuration;
using KmsActors.Kms.Cluster;

namespace KmsActors.Kms.Tests.Cluster;

/// <summary>
/// Where a call in flight may be, as its entry node knows it (docs/cluster.md "When a node dies"): a lost node fails
/// only the calls that may be on it; a call whose path is not known fails with any lost node.
/// </summary>
public sealed class CallRouteTests
{
    private static readonly Address A = Address.Parse("akka.tcp://kms@127.0.0.1:4560");
    private static readonly Address B = Address.Parse("akka.tcp://kms@127.0.0.1:4561");
    private static readonly Address C = Address.Parse("akka.tcp://kms@127.0.0.1:4562");

    [Fact]
    public void a_call_routed_through_known_nodes_may_be_on_them_and_on_no_other()
    {
        var route = new CallRoute();
        route.Add(A); // the region entity's node
        route.Add(B); // the key's node, from the receipt

        Assert.True(route.MayBeOn(A));
        Assert.True(route.MayBeOn(B));
        Assert.False(route.MayBeOn(C));
        Assert.False(route.Anywhere);
    }

    [Fact]
    public void a_call_with_a_node_not_known_may_be_anywhere()
    {
        var route = new CallRoute();
        route.Add(A);
        route.Add(null); // a key shard whose home the entry node has not seen yet

        Assert.True(route.Anywhere);
        Assert.True(route.MayBeOn(C));
    }

    [Fact]
    public void the_first_unreachable_node_of_a_route_is_named_and_an_unknown_one_is_not()
    {
        var route = new CallRoute();
        route.Add(A);
        route.Add(B);
        route.Add(B);
        route.AddAnywhere();

        Assert.Equal(B, route.FirstOf(node => node.Equals(B)));
        Assert.Null(route.FirstOf(node => node.Equals(C))); // a call merely possibly anywhere is not failed before it is sent
    }

    [Fact]
    public void failing_calls_on_node_loss_is_on_by_default_and_can_be_turned_off()
    {
        Assert.True(KmsClusterSettings.From(Config.Empty).FailCallsOnNodeLoss);
        Assert.False(KmsClusterSettings.From(ConfigurationFactory.ParseString("kms.cluster.fail-calls-on-node-loss = off")).FailCallsOnNodeLoss);
    }
}
