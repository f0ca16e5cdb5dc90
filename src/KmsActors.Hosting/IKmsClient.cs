using KmsActors.Kms.Audit;
using KmsActors.Kms.Engine;
using KmsActors.Kms.Model;

namespace KmsActors.Hosting;

/// <summary>
/// The KMS API of the hosted engine, one async method per operation KmsActors implements, named as AWS names them and
/// taking and returning the AWS request and response records. AWS errors are thrown as <see cref="KmsException"/>
/// (ErrorCode is the AWS exception name). Every call may name its caller (CloudTrail's userIdentity; default: the root
/// of kms.account-id) and its region (default: kms.default-region). Registered as a singleton by AddKmsActors.
/// </summary>
public interface IKmsClient
{
    /// <summary>
    /// The audit trail: every API call and service event (DeleteExpiredKeyMaterial, DeleteKey) the engine records from
    /// the moment this method is called, shaped like CloudTrail events (<see cref="AuditJson.Render"/> gives the JSON).
    /// The stream ends when <paramref name="ct"/> is canceled or the actor system stops.
    /// </summary>
    IAsyncEnumerable<AuditRecord> AuditTrail(CancellationToken ct = default);

    Task<CreateKeyResponse> CreateKey(CreateKeyRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default);

    Task<DescribeKeyResponse> DescribeKey(DescribeKeyRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default);

    Task<ListKeysResponse> ListKeys(ListKeysRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default);

    Task EnableKey(EnableKeyRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default);

    Task DisableKey(DisableKeyRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default);

    Task<ScheduleKeyDeletionResponse> ScheduleKeyDeletion(ScheduleKeyDeletionRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default);

    Task<CancelKeyDeletionResponse> CancelKeyDeletion(CancelKeyDeletionRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default);

    Task UpdateKeyDescription(UpdateKeyDescriptionRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default);

    Task<GetParametersForImportResponse> GetParametersForImport(GetParametersForImportRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default);

    Task<ImportKeyMaterialResponse> ImportKeyMaterial(ImportKeyMaterialRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default);

    Task<DeleteImportedKeyMaterialResponse> DeleteImportedKeyMaterial(DeleteImportedKeyMaterialRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default);

    Task<EncryptResponse> Encrypt(EncryptRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default);

    Task<DecryptResponse> Decrypt(DecryptRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default);

    Task<ReEncryptResponse> ReEncrypt(ReEncryptRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default);

    Task<GenerateDataKeyResponse> GenerateDataKey(GenerateDataKeyRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default);

    Task<GenerateDataKeyWithoutPlaintextResponse> GenerateDataKeyWithoutPlaintext(GenerateDataKeyWithoutPlaintextRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default);

    Task<GenerateDataKeyPairResponse> GenerateDataKeyPair(GenerateDataKeyPairRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default);

    Task<GenerateDataKeyPairWithoutPlaintextResponse> GenerateDataKeyPairWithoutPlaintext(GenerateDataKeyPairWithoutPlaintextRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default);

    Task<SignResponse> Sign(SignRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default);

    Task<VerifyResponse> Verify(VerifyRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default);

    Task<GenerateMacResponse> GenerateMac(GenerateMacRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default);

    Task<VerifyMacResponse> VerifyMac(VerifyMacRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default);

    Task<GetPublicKeyResponse> GetPublicKey(GetPublicKeyRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default);

    Task<DeriveSharedSecretResponse> DeriveSharedSecret(DeriveSharedSecretRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default);

    Task<GenerateRandomResponse> GenerateRandom(GenerateRandomRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default);

    Task CreateAlias(CreateAliasRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default);

    Task UpdateAlias(UpdateAliasRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default);

    Task DeleteAlias(DeleteAliasRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default);

    Task<ListAliasesResponse> ListAliases(ListAliasesRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default);

    Task<RotateKeyOnDemandResponse> RotateKeyOnDemand(RotateKeyOnDemandRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default);

    Task<ListKeyRotationsResponse> ListKeyRotations(ListKeyRotationsRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default);

    Task<GetKeyRotationStatusResponse> GetKeyRotationStatus(GetKeyRotationStatusRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default);

    Task EnableKeyRotation(EnableKeyRotationRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default);

    Task DisableKeyRotation(DisableKeyRotationRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default);

    Task TagResource(TagResourceRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default);

    Task UntagResource(UntagResourceRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default);

    Task<ListResourceTagsResponse> ListResourceTags(ListResourceTagsRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default);

    Task<GetKeyPolicyResponse> GetKeyPolicy(GetKeyPolicyRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default);

    Task PutKeyPolicy(PutKeyPolicyRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default);

    Task<ListKeyPoliciesResponse> ListKeyPolicies(ListKeyPoliciesRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default);

    Task<ReplicateKeyResponse> ReplicateKey(ReplicateKeyRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default);

    Task UpdatePrimaryRegion(UpdatePrimaryRegionRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default);

    Task<CreateGrantResponse> CreateGrant(CreateGrantRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default);

    Task<ListGrantsResponse> ListGrants(ListGrantsRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default);

    /// <summary>AWS answers ListRetirableGrants with the shape of ListGrants' response.</summary>
    Task<ListGrantsResponse> ListRetirableGrants(ListRetirableGrantsRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default);

    Task RetireGrant(RetireGrantRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default);

    Task RevokeGrant(RevokeGrantRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default);
}
