import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App as AntApp, ConfigProvider, type ThemeConfig } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { App } from './App';

dayjs.locale('zh-cn');

/** Chinese system fonts first on each platform, then the Noto/Source Han fallbacks of Linux. */
const FONT_FAMILY = [
  '-apple-system',
  'BlinkMacSystemFont',
  '"Segoe UI"',
  '"PingFang SC"',
  '"Hiragino Sans GB"',
  '"Microsoft YaHei"',
  '"Noto Sans CJK SC"',
  '"Source Han Sans SC"',
  '"WenQuanYi Micro Hei"',
  'sans-serif',
].join(', ');

/** A sober office look: deep blue, small radii, no decoration. */
const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1f4e8c',
    colorInfo: '#1f4e8c',
    colorLink: '#1f4e8c',
    borderRadius: 4,
    fontFamily: FONT_FAMILY,
    fontSize: 14,
    colorBgLayout: '#f3f5f8',
  },
  components: {
    Layout: { headerBg: '#17365f', headerHeight: 56, siderBg: '#ffffff' },
    Menu: { itemSelectedBg: '#e6edf7', itemSelectedColor: '#1f4e8c', itemBorderRadius: 2 },
    Table: { headerBg: '#f0f3f7' },
    Card: { headerFontSize: 15 },
  },
};

const container = document.getElementById('root');
if (!container) throw new Error('页面缺少 #root 元素');

createRoot(container).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp>
        <App />
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
