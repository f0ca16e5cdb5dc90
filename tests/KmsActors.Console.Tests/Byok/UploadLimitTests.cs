using KmsActors.Console.Infrastructure.Material;

namespace KmsActors.Console.Tests.Byok;

/// <summary>The upload page's request limit follows the model (docs/console.md "Key material pages").</summary>
public sealed class UploadLimitTests
{
    [Fact]
    public void the_upload_request_limit_leaves_room_for_both_files_at_the_models_maximum_and_the_form()
    {
        Assert.Equal(6144, MaterialUploadForm.BlobMaximum);
        Assert.InRange(MaterialUploadForm.RequestSizeLimit, 2L * MaterialUploadForm.BlobMaximum + 2048, 2L * MaterialUploadForm.BlobMaximum + 8192);
    }
}
