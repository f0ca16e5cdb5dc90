using System.Collections;
using System.Reflection;
using Akka.Configuration;
using Microsoft.Data.Sqlite;

namespace KmsActors.Kms.Configuration;

/// <summary>
/// The one configuration loader the host, the server, the samples and the TestKit use. Precedence, highest
/// first: command-line switches, environment variables, the host's own .conf, named profiles, the journal
/// provider's profile (sqlite.conf, postgres.conf, inmem.conf), then hocon/reference.conf.
/// </summary>
public static class KmsConfiguration
{
    /// <summary>Environment variables with this prefix override settings: <c>KMS__DATA_DIR</c> sets <c>kms.data-dir</c>, <c>KMS__JOURNAL__PROVIDER</c> sets <c>kms.journal.provider</c>.</summary>
    public const string EnvironmentPrefix = "KMS__";

    private static readonly Assembly Resources = typeof(KmsConfiguration).Assembly;

    /// <summary>hocon/reference.conf as shipped.</summary>
    public static Config Reference => Profile("reference");

    /// <summary>One of the shipped profiles: reference, sqlite, postgres, inmem, testkit.</summary>
    public static Config Profile(string name) => ConfigurationFactory.ParseString(ProfileText(name));

    /// <summary>The text of a shipped profile as written, comments included: what <c>kmsactors --print-reference</c>
    /// prints for "reference", so a user without the repository reads every kms.* setting and what it does.</summary>
    public static string ProfileText(string name)
    {
        using var stream = Resources.GetManifestResourceStream($"KmsActors.hocon.{name}.conf")
            ?? throw new ArgumentException($"No HOCON profile named '{name}'. Shipped: reference, sqlite, postgres, inmem, testkit.", nameof(name));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Builds the full configuration and prepares what the journal needs (data directory, SQLite WAL).</summary>
    /// <param name="hostConfig">The host's own HOCON text (not a path; use <see cref="LoadFile"/> for files).</param>
    /// <param name="profiles">Shipped profiles to apply over the reference, in order (later wins).</param>
    /// <param name="environment">Environment variables; null reads the process environment, an empty map reads none.</param>
    /// <param name="args">Command-line switches of the form <c>--kms.some.path=value</c> or <c>--akka.some.path=value</c>; others are ignored.</param>
    public static Config Load(string? hostConfig = null, IEnumerable<string>? profiles = null, IDictionary? environment = null, IEnumerable<string>? args = null)
    {
        var layers = new List<Config>
        {
            FromSwitches(args ?? []),
            FromEnvironment(environment ?? Environment.GetEnvironmentVariables()),
            string.IsNullOrWhiteSpace(hostConfig) ? Config.Empty : ConfigurationFactory.ParseString(hostConfig),
        };
        layers.AddRange((profiles ?? []).Reverse().Select(Profile));

        var provider = Chain([.. layers, Reference]).GetString("kms.journal.provider", "sqlite").ToLowerInvariant();
        layers.Add(provider switch
        {
            "sqlite" => Profile("sqlite"),
            "postgresql" or "postgres" => Profile("postgres"),
            "inmem" or "in-memory" or "memory" => Profile("inmem"),
            _ => throw new ConfigurationException($"kms.journal.provider = {provider}: expected sqlite, postgresql or inmem."),
        });
        layers.Add(Reference);
        // Akka.Persistence.Sql does not inject its defaults on its own (its Hosting package would); add them last.
        layers.Add(Akka.Persistence.Sql.SqlPersistence.DefaultConfiguration);
        return Cluster.ClusterConfiguration.Apply(WithConnection(Chain(layers), provider), provider);
    }

    /// <summary>Layers in precedence order (first wins); empty layers are skipped.</summary>
    private static Config Chain(IEnumerable<Config> layers)
    {
        var present = layers.Where(c => !c.IsEmpty).ToList();
        return present.Count == 0 ? Config.Empty : present.Skip(1).Aggregate(present[0], (acc, next) => acc.WithFallback(next));
    }

    /// <summary><see cref="Load"/> with the host's .conf read from a file.</summary>
    public static Config LoadFile(string path, IEnumerable<string>? profiles = null, IDictionary? environment = null, IEnumerable<string>? args = null) =>
        Load(File.ReadAllText(path), profiles, environment, args);

    private static Config WithConnection(Config config, string provider)
    {
        var connection = config.GetString("kms.journal.connection-string", "");
        if (provider == "sqlite")
        {
            var dataDir = Path.GetFullPath(config.GetString("kms.data-dir", "kms-data"));
            if (string.IsNullOrEmpty(connection))
                connection = $"Data Source={Path.Combine(dataDir, "kms.db")}";
            PrepareSqlite(connection);
        }
        else if (provider is "postgresql" or "postgres" && string.IsNullOrEmpty(connection))
        {
            throw new ConfigurationException("kms.journal.provider = postgresql needs kms.journal.connection-string.");
        }
        if (string.IsNullOrEmpty(connection))
            return config;
        var quoted = Quote(connection);
        // The engine's own SQLite journal (sqlite.conf) and Akka.Persistence.Sql (postgres.conf, or SQLite by choice).
        var sqlitePlugins = provider == "sqlite" ? $$"""
            kms.persistence.sqlite-journal.connection-string = {{quoted}}
            kms.persistence.sqlite-snapshot-store.connection-string = {{quoted}}
            """ : "";
        return ConfigurationFactory.ParseString($$"""
            akka.persistence.journal.sql.connection-string = {{quoted}}
            akka.persistence.snapshot-store.sql.connection-string = {{quoted}}
            akka.persistence.query.journal.sql.connection-string = {{quoted}}
            {{sqlitePlugins}}
            """).WithFallback(config);
    }

    /// <summary>Creates the database's folder and switches the file to WAL (a property of the file, kept across opens).</summary>
    private static void PrepareSqlite(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
            return;
        var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(directory))
            Directory.CreateDirectory(directory);
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        command.ExecuteNonQuery();
    }

    private static Config FromEnvironment(IDictionary environment)
    {
        var lines = new List<string>();
        foreach (DictionaryEntry entry in environment)
        {
            if (entry.Key is not string name || !name.StartsWith(EnvironmentPrefix, StringComparison.Ordinal) || entry.Value is not string value)
                continue;
            var path = name[EnvironmentPrefix.Length..].Split("__", StringSplitOptions.RemoveEmptyEntries)
                .Select(segment => segment.ToLowerInvariant().Replace('_', '-'));
            lines.Add($"kms.{string.Join('.', path)} = {Quote(value)}");
        }
        return lines.Count == 0 ? Config.Empty : ConfigurationFactory.ParseString(string.Join('\n', lines));
    }

    private static Config FromSwitches(IEnumerable<string> args)
    {
        var lines = new List<string>();
        foreach (var arg in args)
        {
            if (!arg.StartsWith("--kms.", StringComparison.Ordinal) && !arg.StartsWith("--akka.", StringComparison.Ordinal))
                continue;
            var eq = arg.IndexOf('=');
            if (eq < 0)
                throw new ConfigurationException($"Switch '{arg}' needs a value: {arg}=<value>.");
            var value = arg[(eq + 1)..];
            // A list (--kms.cluster.seed-nodes=["akka.tcp://kms@127.0.0.1:4560"]) is HOCON as it stands; anything else a string.
            lines.Add($"{arg[2..eq]} = {(value.StartsWith('[') && value.EndsWith(']') ? value : Quote(value))}");
        }
        return lines.Count == 0 ? Config.Empty : ConfigurationFactory.ParseString(string.Join('\n', lines));
    }

    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
