using KmsActors.Kms.Import;
using KmsActors.Kms.Model;
using KmsActors.Kms.Persistence;

namespace KmsActors.Kms.Services;

/// <summary>Parts of <see cref="KmsServices"/> a test replaces, per actor system (registered through
/// <see cref="KmsServicesProvider"/> before the engine starts): e.g. a data-key store that stalls, a generator it holds.</summary>
internal sealed record KmsServiceOverrides
{
    /// <summary>Where the vault keeps data keys instead of the journal provider's store.</summary>
    public IMaterialDataKeyStore? DataKeyStore { get; init; }

    /// <summary>How wrapping key pairs are generated instead of <see cref="WrappingKeyPair.Generate"/>.</summary>
    public Func<WrappingKeySpec, WrappingKeyPair>? GenerateWrappingKey { get; init; }
}
