using KmsActors.Kms.Keys;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Engine;

// Grants (docs/grants.md). ListRetirableGrants answers a ListGrantsResponse, as AWS's does.
public sealed partial class KmsEngine
{
    public Task<CreateGrantResponse> CreateGrant(CreateGrantRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Send<CreateGrantResponse>(request, caller, region, ct);

    public Task<ListGrantsResponse> ListGrants(ListGrantsRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Send<ListGrantsResponse>(request, caller, region, ct);

    public Task<ListGrantsResponse> ListRetirableGrants(ListRetirableGrantsRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Send<ListGrantsResponse>(request, caller, region, ct);

    public Task RetireGrant(RetireGrantRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Send<EmptyResponse>(request, caller, region, ct);

    public Task RevokeGrant(RevokeGrantRequest request, CallerIdentity? caller = null, string? region = null, CancellationToken ct = default) =>
        Send<EmptyResponse>(request, caller, region, ct);
}
