using KmsActors.Kms.Keys;
using Akka;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Engine;

// Typed calls for every operation KmsActors implements (the catalogue's facts: Model/KmsCatalogue.Facts.cs), named as AWS
// names them; grants are in KmsEngine.Grants.cs. Each is Send with the matching response type. CatalogueCoverageTests
// fails when an implemented operation has none.
public sealed partial class KmsEngine
{
    public Task<CreateKeyResponse> CreateKey(CreateKeyRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Send<CreateKeyResponse>(request, caller, region, ct);

    public Task<DescribeKeyResponse> DescribeKey(DescribeKeyRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Send<DescribeKeyResponse>(request, caller, region, ct);

    public Task<ListKeysResponse> ListKeys(ListKeysRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Send<ListKeysResponse>(request, caller, region, ct);

    public Task<GetParametersForImportResponse> GetParametersForImport(GetParametersForImportRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Send<GetParametersForImportResponse>(request, caller, region, ct);

    public Task<ImportKeyMaterialResponse> ImportKeyMaterial(ImportKeyMaterialRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Send<ImportKeyMaterialResponse>(request, caller, region, ct);

    public Task<DeleteImportedKeyMaterialResponse> DeleteImportedKeyMaterial(DeleteImportedKeyMaterialRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Send<DeleteImportedKeyMaterialResponse>(request, caller, region, ct);

    public Task EnableKey(EnableKeyRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Send<EmptyResponse>(request, caller, region, ct);

    public Task DisableKey(DisableKeyRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Send<EmptyResponse>(request, caller, region, ct);

    public Task<ScheduleKeyDeletionResponse> ScheduleKeyDeletion(ScheduleKeyDeletionRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Send<ScheduleKeyDeletionResponse>(request, caller, region, ct);

    public Task<CancelKeyDeletionResponse> CancelKeyDeletion(CancelKeyDeletionRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Send<CancelKeyDeletionResponse>(request, caller, region, ct);

    public Task<EncryptResponse> Encrypt(EncryptRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Send<EncryptResponse>(request, caller, region, ct);

    public Task<DecryptResponse> Decrypt(DecryptRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Send<DecryptResponse>(request, caller, region, ct);

    public Task<ReEncryptResponse> ReEncrypt(ReEncryptRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Send<ReEncryptResponse>(request, caller, region, ct);

    public Task<GenerateDataKeyResponse> GenerateDataKey(GenerateDataKeyRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Send<GenerateDataKeyResponse>(request, caller, region, ct);

    public Task<GenerateDataKeyWithoutPlaintextResponse> GenerateDataKeyWithoutPlaintext(GenerateDataKeyWithoutPlaintextRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Send<GenerateDataKeyWithoutPlaintextResponse>(request, caller, region, ct);

    public Task<SignResponse> Sign(SignRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Send<SignResponse>(request, caller, region, ct);

    public Task<VerifyResponse> Verify(VerifyRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Send<VerifyResponse>(request, caller, region, ct);

    public Task<GenerateMacResponse> GenerateMac(GenerateMacRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Send<GenerateMacResponse>(request, caller, region, ct);

    public Task<VerifyMacResponse> VerifyMac(VerifyMacRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Send<VerifyMacResponse>(request, caller, region, ct);

    public Task<GetPublicKeyResponse> GetPublicKey(GetPublicKeyRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Send<GetPublicKeyResponse>(request, caller, region, ct);

    public Task<DeriveSharedSecretResponse> DeriveSharedSecret(DeriveSharedSecretRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Send<DeriveSharedSecretResponse>(request, caller, region, ct);

    public Task<GenerateRandomResponse> GenerateRandom(GenerateRandomRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Send<GenerateRandomResponse>(request, caller, region, ct);

    public Task<ReplicateKeyResponse> ReplicateKey(ReplicateKeyRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Send<ReplicateKeyResponse>(request, caller, region, ct);

    public Task<RotateKeyOnDemandResponse> RotateKeyOnDemand(RotateKeyOnDemandRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Send<RotateKeyOnDemandResponse>(request, caller, region, ct);

    public Task<ListKeyRotationsResponse> ListKeyRotations(ListKeyRotationsRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Send<ListKeyRotationsResponse>(request, caller, region, ct);

    public Task CreateAlias(CreateAliasRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Send<EmptyResponse>(request, caller, region, ct);

    public Task UpdateAlias(UpdateAliasRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Send<EmptyResponse>(request, caller, region, ct);

    public Task DeleteAlias(DeleteAliasRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Send<EmptyResponse>(request, caller, region, ct);

    public Task<ListAliasesResponse> ListAliases(ListAliasesRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Send<ListAliasesResponse>(request, caller, region, ct);

    public Task DisableKeyRotation(DisableKeyRotationRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Send<EmptyResponse>(request, caller, region, ct);

    public Task EnableKeyRotation(EnableKeyRotationRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Send<EmptyResponse>(request, caller, region, ct);

    public Task<GenerateDataKeyPairResponse> GenerateDataKeyPair(GenerateDataKeyPairRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Send<GenerateDataKeyPairResponse>(request, caller, region, ct);

    public Task<GenerateDataKeyPairWithoutPlaintextResponse> GenerateDataKeyPairWithoutPlaintext(GenerateDataKeyPairWithoutPlaintextRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Send<GenerateDataKeyPairWithoutPlaintextResponse>(request, caller, region, ct);

    public Task<GetKeyPolicyResponse> GetKeyPolicy(GetKeyPolicyRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Send<GetKeyPolicyResponse>(request, caller, region, ct);

    public Task<GetKeyRotationStatusResponse> GetKeyRotationStatus(GetKeyRotationStatusRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Send<GetKeyRotationStatusResponse>(request, caller, region, ct);

    public Task<ListKeyPoliciesResponse> ListKeyPolicies(ListKeyPoliciesRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Send<ListKeyPoliciesResponse>(request, caller, region, ct);

    public Task<ListResourceTagsResponse> ListResourceTags(ListResourceTagsRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Send<ListResourceTagsResponse>(request, caller, region, ct);

    public Task PutKeyPolicy(PutKeyPolicyRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Send<EmptyResponse>(request, caller, region, ct);

    public Task TagResource(TagResourceRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Send<EmptyResponse>(request, caller, region, ct);

    public Task UntagResource(UntagResourceRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Send<EmptyResponse>(request, caller, region, ct);

    public Task UpdateKeyDescription(UpdateKeyDescriptionRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Send<EmptyResponse>(request, caller, region, ct);

    public Task UpdatePrimaryRegion(UpdatePrimaryRegionRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Send<EmptyResponse>(request, caller, region, ct);
}
