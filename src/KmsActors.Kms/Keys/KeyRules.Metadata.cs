using System.Collections.Immutable;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Keys;

// Description, tags, key policy and ReplicateKey approval (docs/validation.md, docs/limits.md; ReplicateKey: docs/multi-region-keys.md).
public static partial class KeyRules
{
    /// <summary>KMS keys have exactly one key policy, named "default".</summary>
    public const string DefaultPolicyName = "default";

    private static KeyDecision UpdateKeyDescription(KmsKey key, UpdateKeyDescriptionRequest r)
    {
        CheckState(key, "UpdateKeyDescription");
        return KeyDecision.Persist(EmptyResponse.Instance, new KeyDescriptionUpdated(r.Description!));
    }

    private static KeyDecision TagResource(KmsKey key, TagResourceRequest r)
    {
        CheckTags(r.Tags!);
        CheckState(key, "TagResource");
        CheckTagCount(r.Tags!, key.Tags);
        return KeyDecision.Persist(EmptyResponse.Instance, new KeyTagsAdded(ToDictionary(r.Tags!)));
    }

    private static KeyDecision UntagResource(KmsKey key, UntagResourceRequest r)
    {
        CheckState(key, "UntagResource");
        return KeyDecision.Persist(EmptyResponse.Instance, new KeyTagsRemoved([.. r.TagKeys!]));
    }

    private static KeyDecision ListResourceTags(KmsKey key, ListResourceTagsRequest r)
    {
        CheckState(key, "ListResourceTags");
        var (start, count) = Page("ListResourceTags", r.Limit, r.Marker, key.Tags.Count);
        var next = NextMarker(start, count, key.Tags.Count);
        return KeyDecision.Reply(new ListResourceTagsResponse { Tags = ToTags(key.Tags.Skip(start).Take(count)), NextMarker = next, Truncated = next is not null });
    }

    private static void RequireDefaultPolicyName(string? policyName)
    {
        if (policyName is not null && policyName != DefaultPolicyName)
            throw KmsException.NotFound($"No such policy exists: {policyName}. The only valid policy name is \"default\".");
    }

    private static KeyDecision GetKeyPolicy(KmsKey key, GetKeyPolicyRequest r)
    {
        RequireDefaultPolicyName(r.PolicyName);
        CheckState(key, "GetKeyPolicy");
        return KeyDecision.Reply(new GetKeyPolicyResponse { Policy = key.Policies.GetValueOrDefault(DefaultPolicyName), PolicyName = DefaultPolicyName });
    }

    private static KeyDecision PutKeyPolicy(KmsKey key, PutKeyPolicyRequest r)
    {
        RequireDefaultPolicyName(r.PolicyName);
        CheckPolicy(r.Policy!);
        CheckState(key, "PutKeyPolicy");
        return KeyDecision.Persist(EmptyResponse.Instance, new KeyPolicyPut(DefaultPolicyName, r.Policy!));
    }

    private static KeyDecision ListKeyPolicies(KmsKey key, ListKeyPoliciesRequest r)
    {
        CheckState(key, "ListKeyPolicies");
        var (start, count) = Page("ListKeyPolicies", r.Limit, r.Marker, key.Policies.Count);
        var next = NextMarker(start, count, key.Policies.Count);
        return KeyDecision.Reply(new ListKeyPoliciesResponse { PolicyNames = key.Policies.Keys.Skip(start).Take(count).ToList(), NextMarker = next, Truncated = next is not null });
    }

    /// <summary>ReplicateKey on the primary: approves (no events, the actor asks the other region) or refuses.</summary>
    private static KeyDecision ApproveReplicateKey(KmsKey key, ReplicateKeyRequest r)
    {
        if (key.MultiRegionKeyType != MultiRegionKeyType.PRIMARY)
            throw NotAPrimary(key);
        CheckState(key, "ReplicateKey");
        CheckTags(r.Tags ?? []);
        if (r.Policy is not null)
            CheckPolicy(r.Policy);
        if (r.ReplicaRegion == key.Region)
            throw KmsException.Validation($"The replica region {r.ReplicaRegion} must be different from the primary key's region.");
        if (key.ReplicaArns.Any(arn => RegionOf(arn) == r.ReplicaRegion))
            throw new KmsException(KmsErrorCodes.AlreadyExistsException, $"{key.Arn} already has a replica key in {r.ReplicaRegion}.");
        return KeyDecision.Reply(null);
    }

    /// <summary>The primary records a replica created in another region.</summary>
    public static KeyDecision AddReplica(KmsKey primary, string replicaArn) =>
        primary.ReplicaArns.Contains(replicaArn) ? KeyDecision.Reply(null) : KeyDecision.Persist(null, new ReplicaAdded(replicaArn));
}
