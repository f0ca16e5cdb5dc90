using System.Runtime.CompilerServices;
using KmsActors.Kms.Keys;
using KmsActors.Kms.Persistence;
using KmsActors.TestKit;

namespace KmsActors.Kms.Tests.Persistence;

/// <summary>
/// Journals outlive versions: every file under Fixtures/v1 is a journal entry exactly as version 1 of its event or
/// snapshot type was written (file name = serializer manifest). This version must read each one and mean the same
/// thing, byte for byte. A new persisted type needs a fixture; a changed shape needs a new manifest version and an
/// upcaster, never an edited fixture. Run once with KMS_WRITE_FIXTURES=1 to write fixtures for new types.
/// </summary>
public sealed class JournalFixtureTests : KmsTestKit
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Persistence", "Fixtures", "v1");

    public static TheoryData<string> Manifests() =>
        [.. Directory.GetFiles(Fixtures, "*.json").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order()];

    [Theory]
    [MemberData(nameof(Manifests))]
    public void a_journal_entry_written_by_version_1_is_read_by_this_version(string manifest)
    {
        var written = File.ReadAllBytes(Path.Combine(Fixtures, manifest + ".json"));
        var serializer = (KmsEventSerializer)Sys.Serialization.FindSerializerForType(typeof(IKmsPersistentMessage));

        var read = Sys.Serialization.Deserialize(written, serializer.Identifier, manifest);

        Assert.Equal(manifest, KmsEventSerializer.ManifestOf(read.GetType()));
        Assert.Equal(written, serializer.ToBinary(read));
    }

    [Fact]
    public void every_type_the_engine_persists_has_a_version_1_fixture()
    {
        var serializer = (KmsEventSerializer)Sys.Serialization.FindSerializerForType(typeof(IKmsPersistentMessage));
        var samples = PersistedSamples.All();
        var persisted = typeof(KmsKey).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IKmsPersistentMessage).IsAssignableFrom(t))
            .ToList();
        if (Environment.GetEnvironmentVariable("KMS_WRITE_FIXTURES") == "1")
            WriteMissing(samples.Values.Where(s => persisted.Contains(s.GetType())), serializer);

        var missing = persisted.Select(KmsEventSerializer.ManifestOf)
            .Where(manifest => !File.Exists(Path.Combine(Fixtures, manifest + ".json")))
            .ToList();
        Assert.True(missing.Count == 0, $"No journal fixture for {string.Join(", ", missing)}: add a sample to PersistedSamples and run once with KMS_WRITE_FIXTURES=1.");
    }

    private static void WriteMissing(IEnumerable<IKmsPersistentMessage> samples, KmsEventSerializer serializer, [CallerFilePath] string here = "")
    {
        var source = Path.Combine(Path.GetDirectoryName(here)!, "Fixtures", "v1");
        Directory.CreateDirectory(source);
        foreach (var sample in samples)
        {
            var file = Path.Combine(source, KmsEventSerializer.ManifestOf(sample.GetType()) + ".json");
            if (!File.Exists(file))
                File.WriteAllBytes(file, serializer.ToBinary(sample));
        }
    }
}
