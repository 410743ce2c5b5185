import 'uplot/dist/uPlot.min.css';
import { monitorToPage, type MonitorToHost } from '../../webviews/monitor/protocol';
import { connect } from '../shared/vscodeApi';
import { MonitorPage } from './monitorPage';
import './styles.css';

const root = document.getElementById('app');
if (root) {
    root.textContent = 'Connecting to the VM…';
    // The page posts through the channel; the channel hands the host's messages to the page.
    const page: MonitorPage = new MonitorPage(root, (message) => channel.post(message));
    const channel = connect<MonitorToHost, typeof monitorToPage>(monitorToPage, (message) => page.receive(message));
    channel.post({ method: 'ready', params: {} });
}
