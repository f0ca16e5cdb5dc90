using KmsActors.Hosting.Tests.Support;
using KmsActors.Kms.Audit;
using KmsActors.Kms.Model;
using KmsActors.Kms.Realism;

namespace KmsActors.Hosting.Tests;

/// <summary>IKmsClient enters the engine through the realism gate like every caller: kms.realism.faults holds for it.</summary>
public sealed class InjectedFaultTests
{
    [Fact]
    public async Task a_fault_injected_by_the_realism_gate_reaches_the_client_changes_nothing_and_is_on_the_audit_trail()
    {
        await using var kms = await KmsHost.StartAsync("kms.realism.faults { enabled = on, default-rate = 0, operations { CreateKey = 1 } }");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var trail = kms.Client.AuditTrail(cts.Token);

        var fault = await Assert.ThrowsAsync<KmsException>(() => kms.Client.CreateKey(new CreateKeyRequest { Description = "faulted" }));
        var keys = await kms.Client.ListKeys(new ListKeysRequest());
        AuditRecord? audited = null;
        await foreach (var record in trail)
        {
            audited = record;
            break;
        }

        Assert.Contains(fault.ErrorCode, InjectedFaults.TransientErrors);
        Assert.Empty(keys.Keys!);
        Assert.Equal(("CreateKey", fault.ErrorCode, fault.ErrorMessage), (audited!.EventName, audited.ErrorCode, audited.ErrorMessage));
    }
}
