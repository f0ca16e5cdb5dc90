using Akka.Actor;
using KmsActors.Hosting;
using KmsActors.Kms.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KmsActors.Hosting.Tests;

public sealed class AddKmsActorsTests
{
    private static IHost BuildHost(IDictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddKmsActors(builder.Configuration);
        return builder.Build();
    }

    [Fact]
    public async Task the_actor_system_starts_with_the_host_on_the_configured_settings_and_stops_with_it()
    {
        using var host = BuildHost(new Dictionary<string, string?>
        {
            ["KmsActors:ActorSystemName"] = "kms-hosted",
            ["KmsActors:Hocon"] = "kms { journal.provider = inmem, account-id = \"123456789012\" }",
        });
        await host.StartAsync();
        var system = host.Services.GetRequiredService<ActorSystem>();

        Assert.Equal("kms-hosted", system.Name);
        Assert.Equal("123456789012", KmsSettings.From(system).AccountId);
        Assert.Equal("akka.persistence.journal.inmem", system.Settings.Config.GetString("akka.persistence.journal.plugin"));
        Assert.Equal("KmsActors.Kms.Persistence.KmsEventSerializer, KmsActors.Kms", system.Settings.Config.GetString("akka.actor.serializers.kms-events"));

        await host.StopAsync();
        Assert.True(system.WhenTerminated.IsCompleted);
    }

    [Fact]
    public async Task a_host_conf_file_is_read_and_inline_hocon_wins_over_it()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "kms { journal.provider = inmem, default-region = eu-west-1, snapshot-every = 9 }");
        using var host = BuildHost(new Dictionary<string, string?>
        {
            ["KmsActors:ConfigFile"] = file,
            ["KmsActors:Hocon"] = "kms.default-region = eu-north-1",
        });
        await host.StartAsync();
        var settings = KmsSettings.From(host.Services.GetRequiredService<ActorSystem>());

        Assert.Equal(9, settings.SnapshotEvery);
        Assert.Equal("eu-north-1", settings.DefaultRegion);
        await host.StopAsync();
        File.Delete(file);
    }
}
