using Akka.Configuration;
using KmsActors.Kms.Engine;

namespace KmsActors.Console.Infrastructure;

/// <summary>
/// kms.console.* (hocon/reference.conf): who the console calls as, and which regions its selector offers.
/// Every page calls the engine in-process as <see cref="Principal"/>, so each click is an audited call of that identity.
/// </summary>
public sealed record ConsoleSettings(CallerIdentity Principal, IReadOnlyList<string> Regions, string DefaultRegion)
{
    public static ConsoleSettings From(Config config)
    {
        var accountId = config.GetString("kms.account-id");
        var defaultRegion = config.GetString("kms.default-region");
        var principalArn = config.GetString("kms.console.principal", "");
        var principal = string.IsNullOrEmpty(principalArn) ? CallerIdentity.Root(accountId) : CallerIdentity.Of(principalArn);
        // The engine serves any region it is asked for; the selector offers the configured ones, the default first.
        var regions = config.GetStringList("kms.console.regions").Prepend(defaultRegion).Distinct(StringComparer.Ordinal).ToList();
        return new ConsoleSettings(principal with { UserAgent = "KmsActors console", SourceIpAddress = "127.0.0.1" }, regions, defaultRegion);
    }
}
