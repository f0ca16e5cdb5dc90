using System.Reflection;
using System.Runtime.CompilerServices;
using KmsActors.Kms.Keys;
using KmsActors.Kms.Persistence;
using KmsActors.TestKit;

namespace KmsActors.Kms.Tests.Persistence;

/// <summary>
/// Journals outlive versions: every file under Fixtures/v&lt;N&gt; is a journal entry exactly as version N of its event or
/// snapshot type was written (file name = serializer manifest). This version must read each one and mean the same
/// thing, byte for byte. A new persisted type needs a fixture; a changed shape needs a new manifest version (and an
/// upcaster, or a type that reads its older versions), never an edited fixture. Run once with KMS_WRITE_FIXTURES=1 to
/// write fixtures for new types and versions.
/// </summary>
public sealed class JournalFixtureTests : KmsTestKit
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Persistence", "Fixtures");

    public static TheoryData<string> Manifests() =>
        [.. Directory.GetFiles(Fixtures, "*.json", SearchOption.AllDirectories).Select(Path.GetFileNameWithoutExtension).OfType<string>().Order()];

    [Theory]
    [MemberData(nameof(Manifests))]
    public void a_journal_entry_written_by_an_earlier_version_is_read_by_this_version(string manifest)
    {
        var written = File.ReadAllBytes(FixtureFile(Fixtures, manifest));
        var serializer = (KmsEventSerializer)Sys.Serialization.FindSerializerForType(typeof(IKmsPersistentMessage));

        var read = Sys.Serialization.Deserialize(written, serializer.Identifier, manifest);

        var persistedAs = read.GetType().GetCustomAttribute<PersistedAsAttribute>();
        Assert.Contains(manifest, persistedAs?.ReadableManifests() ?? [KmsEventSerializer.ManifestOf(read.GetType())]);
        // Versions that only added optional members write an older entry back unchanged.
        Assert.Equal(written, serializer.ToBinary(read));
    }

    [Fact]
    public void every_type_the_engine_persists_has_a_fixture_of_its_current_version()
    {
        var serializer = (KmsEventSerializer)Sys.Serialization.FindSerializerForType(typeof(IKmsPersistentMessage));
        var samples = PersistedSamples.All();
        var persisted = typeof(KmsKey).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IKmsPersistentMessage).IsAssignableFrom(t))
            .ToList();
        if (Environment.GetEnvironmentVariable("KMS_WRITE_FIXTURES") == "1")
            WriteMissing(samples.Values.Where(s => persisted.Contains(s.GetType())), serializer);

        var missing = persisted.Select(KmsEventSerializer.ManifestOf)
            .Where(manifest => !File.Exists(FixtureFile(Fixtures, manifest)))
            .ToList();
        Assert.True(missing.Count == 0, $"No journal fixture for {string.Join(", ", missing)}: add a sample to PersistedSamples and run once with KMS_WRITE_FIXTURES=1.");
    }

    /// <summary>Fixtures/v2/KeyCreated.v2.json for manifest KeyCreated.v2.</summary>
    private static string FixtureFile(string root, string manifest) =>
        Path.Combine(root, manifest[(manifest.LastIndexOf('.') + 1)..], manifest + ".json");

    private static void WriteMissing(IEnumerable<IKmsPersistentMessage> samples, KmsEventSerializer serializer, [CallerFilePath] string here = "")
    {
        var source = Path.Combine(Path.GetDirectoryName(here)!, "Fixtures");
        foreach (var sample in samples)
        {
            var file = FixtureFile(source, KmsEventSerializer.ManifestOf(sample.GetType()));
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            if (!File.Exists(file))
                File.WriteAllBytes(file, serializer.ToBinary(sample));
        }
    }
}
