using Akka.Hosting;
using KmsActors.Hosting.Metrics;
using KmsActors.Kms.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KmsActors.Hosting;

public static class KmsActorsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the KmsActors engine to a generic host: an actor system (Akka.Hosting's AddAkka) that starts with the
    /// host and stops through CoordinatedShutdown, configured by <see cref="KmsConfiguration"/> (reference.conf,
    /// the host's .conf, KMS__* environment variables, --kms.* switches) and logging through ILogger; the engine and
    /// the keys of kms.seed ready when the host has started; <see cref="IKmsClient"/> (singleton) and the "KmsActors"
    /// meter (<see cref="KmsMetrics"/>).
    /// </summary>
    /// <param name="configuration">The host's configuration; its "KmsActors" section binds <see cref="KmsActorsOptions"/>.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    public static IServiceCollection AddKmsActors(this IServiceCollection services, IConfiguration configuration, Action<KmsActorsOptions>? configure = null)
    {
        var options = new KmsActorsOptions();
        var section = configuration.GetSection("KmsActors");
        options.ActorSystemName = section["ActorSystemName"] ?? options.ActorSystemName;
        options.ConfigFile = section["ConfigFile"];
        options.Hocon = section["Hocon"];
        foreach (var profile in section.GetSection("Profiles").GetChildren().Select(c => c.Value).OfType<string>())
            options.Profiles.Add(profile);
        configure?.Invoke(options);

        var hostConf = string.Join('\n', new[] { options.ConfigFile is null ? null : File.ReadAllText(options.ConfigFile), options.Hocon }.OfType<string>());
        var config = KmsConfiguration.Load(hostConf, options.Profiles, args: options.Switches);
        services.AddSingleton(KmsSettings.From(config));

        services.AddAkka(options.ActorSystemName, (builder, _) =>
        {
            builder.AddHocon(config, HoconAddMode.Prepend);
            builder.ConfigureLoggers(loggers =>
            {
                loggers.ClearLoggers();
                loggers.AddLoggerFactory();
            });
        });
        services.AddMetrics();
        services.TryAddSingleton<KmsMetrics>();
        services.TryAddSingleton<IKmsClient, KmsClient>();
        // After AddAkka's hosted service: the actor system is up when the engine starts and kms.seed is applied.
        services.AddHostedService<KmsActorsStartup>();
        return services;
    }
}
