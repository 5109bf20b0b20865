using System.Net;
using System.Net.Sockets;

namespace CltvDashboard.Web.Tests.Support;

/// <summary>
/// A TCP relay on a loopback port to a server, that a test can cut and restore: while cut, connections are refused and
/// the open ones are dropped, as when a database server goes away.
/// </summary>
public sealed class TcpForwarder : IAsyncDisposable
{
    private readonly string _targetHost;
    private readonly int _targetPort;
    private readonly List<TcpClient> _open = [];
    private TcpListener? _listener;
    private CancellationTokenSource? _stop;
    private Task _accepting = Task.CompletedTask;

    public TcpForwarder(string targetHost, int targetPort)
    {
        _targetHost = targetHost;
        _targetPort = targetPort;
        Start();
    }

    /// <summary>The loopback port the relay listens on, the same across cuts.</summary>
    public int Port { get; private set; }

    /// <summary>Refuses new connections and drops the open ones.</summary>
    public async Task CutAsync()
    {
        if (_stop is null)
        {
            return;
        }

        await _stop.CancelAsync();
        _listener!.Stop();
        lock (_open)
        {
            foreach (var client in _open)
            {
                try
                {
                    // A reset, not a polite close: the server is gone, not saying goodbye.
                    client.Client?.LingerState = new LingerOption(true, 0);
                }
                catch (ObjectDisposedException)
                {
                    // Its pump closed it a moment ago.
                }

                client.Dispose();
            }

            _open.Clear();
        }

        await _accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
        _stop = null;
    }

    /// <summary>Accepts connections again on the same port.</summary>
    public void Restore() => Start();

    public async ValueTask DisposeAsync() => await CutAsync();

    private void Start()
    {
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _stop = new CancellationTokenSource();
        _accepting = AcceptAsync(_listener, _stop.Token);
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(stop);
            var server = new TcpClient();
            try
            {
                await server.ConnectAsync(_targetHost, _targetPort, stop);
            }
            catch (SocketException)
            {
                client.Dispose();
                server.Dispose();
                continue;
            }

            lock (_open)
            {
                _open.Add(client);
                _open.Add(server);
            }

            _ = PumpAsync(client, server, stop);
            _ = PumpAsync(server, client, stop);
        }
    }

    private static async Task PumpAsync(TcpClient from, TcpClient to, CancellationToken stop)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream(), stop);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or SocketException or InvalidOperationException)
        {
            // The other side or a cut closed the connection.
        }
        finally
        {
            from.Dispose();
            to.Dispose();
        }
    }
}
