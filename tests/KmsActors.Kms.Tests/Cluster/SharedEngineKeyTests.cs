using System.Security.Cryptography;
using KmsActors.Kms.Configuration;
using KmsActors.Kms.Services;
using KmsActors.TestKit;

namespace KmsActors.Kms.Tests.Cluster;

/// <summary>
/// A key entity moves between nodes (a leave, a crash, a rebalance), and each node has a data folder of its own: in
/// cluster mode the import tokens a key issued and the material commitments it recorded must hold on whichever node it
/// runs next, so the engine key they are derived from comes from the master key every node shares (docs/cluster.md).
/// A single process keeps the engine key of its data folder.
/// </summary>
public sealed class SharedEngineKeyTests : IDisposable
{
    private readonly byte[] _masterKey = RandomNumberGenerator.GetBytes(32);
    private readonly List<string> _dataDirs = [];

    [Fact]
    public void in_cluster_mode_nodes_with_their_own_data_folders_and_the_same_master_key_have_the_same_engine_key()
    {
        var first = KmsServices.EngineKey(Settings(), cluster: true, _masterKey);
        var second = KmsServices.EngineKey(Settings(), cluster: true, _masterKey);

        Assert.Equal(first, second);
        Assert.NotEqual(_masterKey, first); // derived, not the master key itself
        Assert.NotEqual(first, KmsServices.EngineKey(Settings(), cluster: true, RandomNumberGenerator.GetBytes(32)));
        Assert.All(_dataDirs, dir => Assert.False(File.Exists(Path.Combine(dir, KmsServices.EngineKeyFileName))));
    }

    [Fact]
    public void a_single_process_engine_keeps_the_engine_key_of_its_own_data_folder()
    {
        var settings = Settings();
        var first = KmsServices.EngineKey(settings, cluster: false, _masterKey);

        Assert.Equal(first, File.ReadAllBytes(Path.Combine(_dataDirs[0], KmsServices.EngineKeyFileName)));
        Assert.Equal(first, KmsServices.EngineKey(settings, cluster: false, _masterKey)); // after a restart
        Assert.NotEqual(first, KmsServices.EngineKey(Settings(), cluster: false, _masterKey)); // another folder
    }

    private KmsSettings Settings()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "kms-engine-key-" + Guid.NewGuid().ToString("N"));
        _dataDirs.Add(dataDir);
        return KmsSettings.From(KmsTestKit.CreateConfig(
            $"kms.journal.provider = sqlite\nkms.data-dir = \"{dataDir.Replace("\\", "/", StringComparison.Ordinal)}\""));
    }

    public void Dispose()
    {
        foreach (var dir in _dataDirs.Where(Directory.Exists))
            Directory.Delete(dir, recursive: true);
    }
}
