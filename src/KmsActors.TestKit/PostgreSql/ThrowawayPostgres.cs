using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace KmsActors.TestKit.PostgreSql;

/// <summary>
/// A PostgreSQL server of its own for a test run or a benchmark: initdb into a temporary folder, started on a
/// free loopback port, one database created, stopped and deleted on Dispose. A run that dies before Dispose
/// leaves its folder behind with the owner's pid; the next <see cref="Start"/> stops such orphans and deletes them.
/// </summary>
public sealed class ThrowawayPostgres : IDisposable
{
    private const string FolderPrefix = "kms-pg-";
    private readonly PostgresBinaries _binaries;
    private int _stopped;

    private ThrowawayPostgres(PostgresBinaries binaries, string root, int port, string database)
    {
        _binaries = binaries;
        Root = root;
        Port = port;
        ConnectionString = $"Host=127.0.0.1;Port={port};Database={database};Username=postgres;Pooling=true;Maximum Pool Size=200";
        // Stops the server when the process exits without disposing (e.g. the test host is asked to quit).
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Dispose();
    }

    public string Root { get; }

    public string DataDir => Path.Combine(Root, "data");

    public int Port { get; }

    /// <summary>Npgsql connection string to the created database, as user postgres (trust authentication on loopback).</summary>
    public string ConnectionString { get; }

    /// <summary>Starts a server, or returns null with the reason when this machine has no PostgreSQL binaries.</summary>
    public static ThrowawayPostgres? TryStart(out string reason, string database = "kms")
    {
        var binaries = PostgresBinaries.Find(out reason);
        return binaries is null ? null : Start(binaries, database);
    }

    public static ThrowawayPostgres Start(PostgresBinaries binaries, string database = "kms")
    {
        StopOrphans(binaries);
        var root = Path.Combine(Path.GetTempPath(), FolderPrefix + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "owner.pid"), Environment.ProcessId.ToString());
        // The server runs as postgres and must create its data folder and socket here.
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(root, (UnixFileMode)0b111_111_111);
        var data = Path.Combine(root, "data");
        // --no-sync only skips fsync while initdb writes the template; the server itself runs with fsync on.
        binaries.Run("initdb", "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync");
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            try
            {
                binaries.Run("pg_ctl", "start", "-D", data, "-w", "-t", "60", "-l", Path.Combine(root, "server.log"),
                    "-o", $"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={root} -c max_connections=200");
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                continue; // the port was taken between probing and binding: try another
            }
            var server = new ThrowawayPostgres(binaries, root, port, database);
            server.CreateDatabase(database);
            return server;
        }
    }

    private void CreateDatabase(string database)
    {
        using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={Port};Database=postgres;Username=postgres;Pooling=false");
        connection.Open();
        using var command = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
        command.ExecuteNonQuery();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Stops servers whose owning process is gone (a crashed run) and deletes their folders.</summary>
    private static void StopOrphans(PostgresBinaries binaries)
    {
        foreach (var root in Directory.EnumerateDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            var ownerFile = Path.Combine(root, "owner.pid");
            if (File.Exists(ownerFile) ? int.TryParse(File.ReadAllText(ownerFile), out var owner) && IsAlive(owner)
                    // Another run may have just created the folder and not yet written its pid.
                    : Directory.GetCreationTimeUtc(root) > DateTime.UtcNow.AddMinutes(-2))
                continue;
            Stop(binaries, root);
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void Stop(PostgresBinaries binaries, string root)
    {
        var data = Path.Combine(root, "data");
        if (File.Exists(Path.Combine(data, "postmaster.pid")))
        {
            try
            {
                binaries.Run("pg_ctl", "stop", "-D", data, "-m", "immediate", "-w", "-t", "30");
            }
            catch (InvalidOperationException)
            {
                // Not running any more (stale pid file): nothing to stop.
            }
        }
        try { Directory.Delete(root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
            return;
        NpgsqlConnection.ClearAllPools();
        Stop(_binaries, Root);
    }
}
