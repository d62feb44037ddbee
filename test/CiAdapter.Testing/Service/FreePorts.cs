using System.Net;
using System.Net.Sockets;

namespace CiAdapter.Testing.Service;

/// <summary>Loopback ports nobody listens on right now, for services that must be told their port up front.</summary>
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
