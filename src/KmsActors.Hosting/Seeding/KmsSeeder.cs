using KmsActors.Kms.Crypto;
using KmsActors.Kms.Engine;
using KmsActors.Kms.Model;
using Microsoft.Extensions.Logging;
using KmsActors.Kms.Protocol;

namespace KmsActors.Hosting.Seeding;

/// <summary>
/// Applies kms.seed.keys at startup, idempotently: a missing key is created under its fixed ID (CreateKeyWithIdRequest)
/// and its material imported through the normal GetParametersForImport → wrap → ImportKeyMaterial path (audited, the
/// key's rules apply); an existing key of the same spec, usage and origin and the same material is left alone;
/// aliases are created or pointed at the key. Anything else stops the host with a <see cref="KmsSeedException"/>.
/// </summary>
internal sealed class KmsSeeder(KmsEngine engine, ILogger logger)
{
    public async Task SeedAsync(IReadOnlyList<KmsSeedKey> seeds, CancellationToken ct)
    {
        foreach (var seed in seeds)
        {
            try
            {
                await SeedAsync(seed, ct).ConfigureAwait(false);
            }
            catch (KmsException error)
            {
                throw new KmsSeedException($"{seed.Path} (key {seed.KeyId}): {error.ErrorCode}: {error.Message}", error);
            }
        }
    }

    private async Task SeedAsync(KmsSeedKey seed, CancellationToken ct)
    {
        ValidatedMaterial? material = seed.Material is null ? null : Validate(seed);
        var metadata = await DescribeOrCreate(seed, ct).ConfigureAwait(false);
        if (material is not null)
        {
            switch (metadata.KeyState)
            {
                case KeyState.PendingImport:
                    await Import(seed, ct).ConfigureAwait(false);
                    logger.LogInformation("kms.seed: imported material into {KeyId}", seed.KeyId);
                    break;
                case KeyState.Enabled or KeyState.Disabled:
                    if (!await HoldsMaterial(seed, metadata, material, ct).ConfigureAwait(false))
                        throw new KmsSeedException($"{seed.Path}: key {seed.KeyId} already holds different key material than the seed gives. " +
                            "A key's material never changes: give the original material, or a new key-id.");
                    break;
                default:
                    logger.LogWarning("kms.seed: key {KeyId} is {State}; its material is left as it is", seed.KeyId, metadata.KeyState);
                    break;
            }
        }
        foreach (var alias in seed.Aliases)
            await EnsureAlias(seed, alias, ct).ConfigureAwait(false);
    }

    private static ValidatedMaterial Validate(KmsSeedKey seed)
    {
        try
        {
            return KeyMaterialValidator.Validate(seed.KeySpec, seed.Material, AwsPartition.IsChina(seed.Region ?? ""));
        }
        catch (KmsException error)
        {
            throw new KmsSeedException($"{seed.Path}: the material does not fit key-spec {seed.KeySpec}: {error.Message}", error);
        }
    }

    private async Task<KeyMetadata> DescribeOrCreate(KmsSeedKey seed, CancellationToken ct)
    {
        KeyMetadata metadata;
        try
        {
            metadata = (await engine.DescribeKey(new DescribeKeyRequest { KeyId = seed.KeyId }, region: seed.Region, ct: ct).ConfigureAwait(false)).KeyMetadata!;
        }
        catch (KmsException error) when (error.ErrorCode == KmsErrorCodes.NotFoundException)
        {
            var create = new CreateKeyRequest
            {
                KeySpec = seed.KeySpec,
                KeyUsage = seed.KeyUsage,
                Origin = seed.Origin,
                Description = seed.Description,
                MultiRegion = seed.MultiRegion,
            };
            var created = await engine.Send<CreateKeyResponse>(new CreateKeyWithIdRequest(seed.KeyId, create), region: seed.Region, ct: ct).ConfigureAwait(false);
            logger.LogInformation("kms.seed: created {KeySpec} key {KeyId}", seed.KeySpec, seed.KeyId);
            return created.KeyMetadata!;
        }
        if (metadata.KeySpec != seed.KeySpec || metadata.KeyUsage != seed.KeyUsage || metadata.Origin != seed.Origin)
        {
            throw new KmsSeedException($"{seed.Path}: key {seed.KeyId} already exists as KeySpec {metadata.KeySpec}, KeyUsage {metadata.KeyUsage}, " +
                $"Origin {metadata.Origin}, but the seed asks for KeySpec {seed.KeySpec}, KeyUsage {seed.KeyUsage}, Origin {seed.Origin}. " +
                "Give the key's original settings, or a new key-id.");
        }
        return metadata;
    }

    private async Task Import(KmsSeedKey seed, CancellationToken ct)
    {
        var (algorithm, wrappingKeySpec) = SeedMaterialWrapper.Choose(seed.Material!);
        var parameters = await engine.GetParametersForImport(new GetParametersForImportRequest
        {
            KeyId = seed.KeyId,
            WrappingAlgorithm = algorithm,
            WrappingKeySpec = wrappingKeySpec,
        }, region: seed.Region, ct: ct).ConfigureAwait(false);
        await engine.ImportKeyMaterial(new ImportKeyMaterialRequest
        {
            KeyId = seed.KeyId,
            ImportToken = parameters.ImportToken,
            EncryptedKeyMaterial = SeedMaterialWrapper.Wrap(parameters.PublicKey!, algorithm, seed.Material!),
            ExpirationModel = seed.ExpirationModel,
            ValidTo = seed.ExpirationModel == ExpirationModelType.KEY_MATERIAL_EXPIRES ? seed.ValidTo : null,
        }, region: seed.Region, ct: ct).ConfigureAwait(false);
    }

    /// <summary>Creates the alias, or points it at the key when it names another one.</summary>
    private async Task EnsureAlias(KmsSeedKey seed, string alias, CancellationToken ct)
    {
        var existing = await engine.ListAliases(new ListAliasesRequest { KeyId = seed.KeyId }, region: seed.Region, ct: ct).ConfigureAwait(false);
        if (existing.Aliases?.Any(a => a.AliasName == alias) == true)
            return;
        try
        {
            await engine.CreateAlias(new CreateAliasRequest { AliasName = alias, TargetKeyId = seed.KeyId }, region: seed.Region, ct: ct).ConfigureAwait(false);
        }
        catch (KmsException error) when (error.ErrorCode == KmsErrorCodes.AlreadyExistsException)
        {
            await engine.UpdateAlias(new UpdateAliasRequest { AliasName = alias, TargetKeyId = seed.KeyId }, region: seed.Region, ct: ct).ConfigureAwait(false);
        }
    }

    /// <summary>Same material? Symmetric keys: the KeyMaterialId (derived from key ID and material, docs/byok.md);
    /// asymmetric keys: the public key; HMAC keys: a MAC of a fixed message.</summary>
    private async Task<bool> HoldsMaterial(KmsSeedKey seed, KeyMetadata metadata, ValidatedMaterial material, CancellationToken ct)
    {
        // A Disabled key answers neither GetPublicKey nor GenerateMac; it keeps the material it had (the same-material
        // rule holds on any later reimport).
        if (metadata.KeyState == KeyState.Disabled && seed.KeySpec != KeySpec.SYMMETRIC_DEFAULT)
            return true;
        if (seed.KeySpec == KeySpec.SYMMETRIC_DEFAULT)
            return string.Equals(metadata.CurrentKeyMaterialId, KeyMaterialIds.Derive(seed.KeyId, material.Material), StringComparison.Ordinal);
        if (material.PublicKeyDer is { } publicKey)
        {
            var answer = await engine.GetPublicKey(new GetPublicKeyRequest { KeyId = seed.KeyId }, region: seed.Region, ct: ct).ConfigureAwait(false);
            return answer.PublicKey is { } held && held.AsSpan().SequenceEqual(publicKey);
        }
        // HMAC keys: the engine's MAC of a fixed message must equal the seed material's.
        var probe = "kms.seed"u8.ToArray();
        using var local = new HmacKeyMaterial(seed.KeySpec, material.Material);
        var mac = await engine.GenerateMac(new GenerateMacRequest { KeyId = seed.KeyId, MacAlgorithm = local.MacAlgorithm, Message = probe },
            region: seed.Region, ct: ct).ConfigureAwait(false);
        var expected = local.GenerateMac(local.MacAlgorithm, probe);
        return mac.Mac is { } held2 && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(held2, expected);
    }
}
