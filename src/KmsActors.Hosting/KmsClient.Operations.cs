using KmsActors.Kms.Engine;
using KmsActors.Kms.Keys;
using KmsActors.Kms.Model;

namespace KmsActors.Hosting;

// The operations: each is Call with the operation's response record (EmptyResponse for operations without output).
internal sealed partial class KmsClient
{
    public Task<CreateKeyResponse> CreateKey(CreateKeyRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Call<CreateKeyResponse>(request, caller, region, ct);

    public Task<DescribeKeyResponse> DescribeKey(DescribeKeyRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Call<DescribeKeyResponse>(request, caller, region, ct);

    public Task<ListKeysResponse> ListKeys(ListKeysRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Call<ListKeysResponse>(request, caller, region, ct);

    public Task EnableKey(EnableKeyRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Call<EmptyResponse>(request, caller, region, ct);

    public Task DisableKey(DisableKeyRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Call<EmptyResponse>(request, caller, region, ct);

    public Task<ScheduleKeyDeletionResponse> ScheduleKeyDeletion(ScheduleKeyDeletionRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Call<ScheduleKeyDeletionResponse>(request, caller, region, ct);

    public Task<CancelKeyDeletionResponse> CancelKeyDeletion(CancelKeyDeletionRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Call<CancelKeyDeletionResponse>(request, caller, region, ct);

    public Task UpdateKeyDescription(UpdateKeyDescriptionRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Call<EmptyResponse>(request, caller, region, ct);

    public Task<GetParametersForImportResponse> GetParametersForImport(GetParametersForImportRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Call<GetParametersForImportResponse>(request, caller, region, ct);

    public Task<ImportKeyMaterialResponse> ImportKeyMaterial(ImportKeyMaterialRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Call<ImportKeyMaterialResponse>(request, caller, region, ct);

    public Task<DeleteImportedKeyMaterialResponse> DeleteImportedKeyMaterial(DeleteImportedKeyMaterialRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Call<DeleteImportedKeyMaterialResponse>(request, caller, region, ct);

    public Task<EncryptResponse> Encrypt(EncryptRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Call<EncryptResponse>(request, caller, region, ct);

    public Task<DecryptResponse> Decrypt(DecryptRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Call<DecryptResponse>(request, caller, region, ct);

    public Task<ReEncryptResponse> ReEncrypt(ReEncryptRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Call<ReEncryptResponse>(request, caller, region, ct);

    public Task<GenerateDataKeyResponse> GenerateDataKey(GenerateDataKeyRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Call<GenerateDataKeyResponse>(request, caller, region, ct);

    public Task<GenerateDataKeyWithoutPlaintextResponse> GenerateDataKeyWithoutPlaintext(GenerateDataKeyWithoutPlaintextRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Call<GenerateDataKeyWithoutPlaintextResponse>(request, caller, region, ct);

    public Task<GenerateDataKeyPairResponse> GenerateDataKeyPair(GenerateDataKeyPairRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Call<GenerateDataKeyPairResponse>(request, caller, region, ct);

    public Task<GenerateDataKeyPairWithoutPlaintextResponse> GenerateDataKeyPairWithoutPlaintext(GenerateDataKeyPairWithoutPlaintextRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Call<GenerateDataKeyPairWithoutPlaintextResponse>(request, caller, region, ct);

    public Task<SignResponse> Sign(SignRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Call<SignResponse>(request, caller, region, ct);

    public Task<VerifyResponse> Verify(VerifyRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Call<VerifyResponse>(request, caller, region, ct);

    public Task<GenerateMacResponse> GenerateMac(GenerateMacRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Call<GenerateMacResponse>(request, caller, region, ct);

    public Task<VerifyMacResponse> VerifyMac(VerifyMacRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Call<VerifyMacResponse>(request, caller, region, ct);

    public Task<GetPublicKeyResponse> GetPublicKey(GetPublicKeyRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Call<GetPublicKeyResponse>(request, caller, region, ct);

    public Task<DeriveSharedSecretResponse> DeriveSharedSecret(DeriveSharedSecretRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Call<DeriveSharedSecretResponse>(request, caller, region, ct);

    public Task<GenerateRandomResponse> GenerateRandom(GenerateRandomRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Call<GenerateRandomResponse>(request, caller, region, ct);

    public Task CreateAlias(CreateAliasRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Call<EmptyResponse>(request, caller, region, ct);

    public Task UpdateAlias(UpdateAliasRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Call<EmptyResponse>(request, caller, region, ct);

    public Task DeleteAlias(DeleteAliasRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Call<EmptyResponse>(request, caller, region, ct);

    public Task<ListAliasesResponse> ListAliases(ListAliasesRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Call<ListAliasesResponse>(request, caller, region, ct);

    public Task<RotateKeyOnDemandResponse> RotateKeyOnDemand(RotateKeyOnDemandRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Call<RotateKeyOnDemandResponse>(request, caller, region, ct);

    public Task<ListKeyRotationsResponse> ListKeyRotations(ListKeyRotationsRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Call<ListKeyRotationsResponse>(request, caller, region, ct);

    public Task<GetKeyRotationStatusResponse> GetKeyRotationStatus(GetKeyRotationStatusRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Call<GetKeyRotationStatusResponse>(request, caller, region, ct);

    public Task EnableKeyRotation(EnableKeyRotationRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Call<EmptyResponse>(request, caller, region, ct);

    public Task DisableKeyRotation(DisableKeyRotationRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Call<EmptyResponse>(request, caller, region, ct);

    public Task TagResource(TagResourceRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Call<EmptyResponse>(request, caller, region, ct);

    public Task UntagResource(UntagResourceRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Call<EmptyResponse>(request, caller, region, ct);

    public Task<ListResourceTagsResponse> ListResourceTags(ListResourceTagsRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Call<ListResourceTagsResponse>(request, caller, region, ct);

    public Task<GetKeyPolicyResponse> GetKeyPolicy(GetKeyPolicyRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Call<GetKeyPolicyResponse>(request, caller, region, ct);

    public Task PutKeyPolicy(PutKeyPolicyRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Call<EmptyResponse>(request, caller, region, ct);

    public Task<ListKeyPoliciesResponse> ListKeyPolicies(ListKeyPoliciesRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Call<ListKeyPoliciesResponse>(request, caller, region, ct);

    public Task<ReplicateKeyResponse> ReplicateKey(ReplicateKeyRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Call<ReplicateKeyResponse>(request, caller, region, ct);

    public Task UpdatePrimaryRegion(UpdatePrimaryRegionRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Call<EmptyResponse>(request, caller, region, ct);

    public Task<CreateGrantResponse> CreateGrant(CreateGrantRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Call<CreateGrantResponse>(request, caller, region, ct);

    public Task<ListGrantsResponse> ListGrants(ListGrantsRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Call<ListGrantsResponse>(request, caller, region, ct);

    public Task<ListGrantsResponse> ListRetirableGrants(ListRetirableGrantsRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Call<ListGrantsResponse>(request, caller, region, ct);

    public Task RetireGrant(RetireGrantRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Call<EmptyResponse>(request, caller, region, ct);

    public Task RevokeGrant(RevokeGrantRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Call<EmptyResponse>(request, caller, region, ct);
}
